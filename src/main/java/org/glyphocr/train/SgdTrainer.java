package org.glyphocr.train;

import org.glyphocr.augment.AugmentSettings;
import org.glyphocr.augment.Augmenter;
import org.glyphocr.backend.Backend;
import org.glyphocr.backend.Backends;
import org.glyphocr.backend.BatchResult;
import org.glyphocr.backend.StepSettings;
import org.glyphocr.backend.TrainingSession;
import org.glyphocr.data.LabeledGlyphs;
import org.glyphocr.image.Glyph;
import org.glyphocr.image.Preprocessor;
import org.glyphocr.model.Calibration;
import org.glyphocr.model.Model;
import org.glyphocr.model.Provenance;
import org.glyphocr.nn.Architecture;
import org.glyphocr.nn.Parameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Trains a multilayer perceptron by minibatch SGD with momentum, the loss averaged over each batch.
 *
 * <p>The learning rate of a step is the base rate, scaled for the batch size ({@link BatchScaling})
 * and by the schedule ({@link LearningRateSchedule}). Adaptive halving is the safety net under
 * both: when an epoch's mean loss rises by more than the tolerance above the lowest epoch loss
 * since the last halving (the untrained network's, at first), or becomes NaN or infinite, or runs at more than twice
 * that reference for a fifth of an epoch, the last good weights are restored and the base rate halved
 * (and, as configured, momentum and L2); training stops when the rate falls under its floor.
 *
 * <p>Training also stops at {@code maxEpochs}, at the target error, after {@code patience} epochs
 * without better validation accuracy, when the loss stops improving over a window, or when the
 * gradient norm falls under a floor; it always returns the weights of the best validation epoch.
 * Samples are augmented afresh every epoch ({@link AugmentSettings}); minibatches can be split
 * across data-parallel towers ({@link TowerMode}); with {@link Checkpointing}, every epoch ends in
 * a checkpoint from which an interrupted run resumes to the very same model.
 *
 * <pre>{@code
 * LabeledGlyphs data = DatasetLoader.loadForTraining(Path.of("digits/")).data();
 * TrainingResult result = new SgdTrainer(TrainerConfig.builder().seed(7).build()).train(data, TrainingListener.NONE);
 * ModelWriter.write(result.model(), Path.of("digits.gocr"));
 * }</pre>
 *
 * The same data, configuration and seed give the same model, bit for bit, on the same backend,
 * whatever the number of threads and however often the run was interrupted and resumed.
 */
public final class SgdTrainer {
    /** An epoch whose running loss exceeds the reference by this factor, after a fifth of it, is abandoned. */
    private static final double RUNAWAY_FACTOR = 2;
    /**
     * A divergence before this many good epochs, or before a quarter of the run's epochs if that is
     * more, restarts from the initial weights at the halved rate (see {@link #restartsFromInitialWeights}).
     */
    static final int EARLY_RESTART_EPOCHS = 5;
    /** The share of the run's epochs within which a divergence restarts from the initial weights. */
    static final double EARLY_RESTART_SHARE = 0.25;

    /**
     * Whether a divergence after {@code goodEpochs} good epochs of {@code maxEpochs} starts over from
     * the initial weights: within the first {@value #EARLY_RESTART_EPOCHS} epochs or the first
     * quarter of the run. Epochs run at a rate that has now proved unstable saturate more units than
     * they teach, and starting again costs time but no epochs of the schedule. Measured with
     * {@code train --data testdata/mnist-7k --lr 10} (100× the default rate) against the default
     * rate, seeds 1 to 3: restarting only within the first five epochs left the large rate 1.05,
     * 1.14 and 0.19 points behind on the test split, because some halvings came after six to ten
     * epochs at twice the stable rate; within the first quarter, 0.76 ahead, 0.48 and 0.19 behind.
     */
    static boolean restartsFromInitialWeights(int goodEpochs, int maxEpochs) {
        return goodEpochs > 0 && goodEpochs < Math.max(EARLY_RESTART_EPOCHS, EARLY_RESTART_SHARE * maxEpochs);
    }

    private final TrainerConfig config;
    /** {@code null}: chosen for the network when training starts ({@link Backends#best(Architecture)}). */
    private final Backend backend;

    /** A trainer on the best backend this machine has for the network it will train. */
    public SgdTrainer(TrainerConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.backend = null;
    }

    public SgdTrainer(TrainerConfig config, Backend backend) {
        this.config = Objects.requireNonNull(config, "config");
        this.backend = Objects.requireNonNull(backend, "backend");
    }

    public TrainerConfig config() {
        return config;
    }

    /**
     * Splits {@code data} as configured and trains.
     *
     * @throws IllegalArgumentException if the training split has fewer than two classes, or
     *     augmentation is on and the data has no ink images
     * @throws TrainingDivergedException if no epoch ever succeeded
     */
    public TrainingResult train(LabeledGlyphs data, TrainingListener listener) {
        return train(data.split(config.validationFraction(), config.testFraction(), config.seed()), listener);
    }

    /** Trains on a given split; {@code validation} and {@code test} may be empty. */
    public TrainingResult train(LabeledGlyphs.Split split, TrainingListener listener) {
        try {
            return train(split, listener, null);
        } catch (IOException e) {
            throw new UncheckedIOException("training without a checkpoint touched a file", e);
        }
    }

    /**
     * Splits {@code data} as configured and trains with a checkpoint at the end of every epoch.
     *
     * @throws CheckpointException if resuming from a checkpoint that is missing, damaged, or from a
     *     run with other settings or data
     * @throws IOException if a checkpoint cannot be written
     */
    public TrainingResult train(LabeledGlyphs data, TrainingListener listener, Checkpointing checkpointing) throws IOException {
        return train(data.split(config.validationFraction(), config.testFraction(), config.seed()), listener, checkpointing);
    }

    /**
     * Trains from {@code start} instead of freshly initialised weights: fine-tuning. The split is
     * used as given; {@code start} must have this configuration's architecture for the split's
     * alphabet.
     *
     * @throws IllegalArgumentException if the architectures differ
     */
    public TrainingResult trainFrom(Parameters start, LabeledGlyphs.Split split, TrainingListener listener) {
        Objects.requireNonNull(start, "start");
        Architecture arch = config.architecture(split.train().alphabet().size());
        if (!start.architecture().equals(arch)) {
            throw new IllegalArgumentException("the starting weights are " + start.architecture() + ", the configuration asks for " + arch);
        }
        try {
            return train(split, listener, null, start);
        } catch (IOException e) {
            throw new UncheckedIOException("training without a checkpoint touched a file", e);
        }
    }

    private TrainingResult train(LabeledGlyphs.Split split, TrainingListener listener, Checkpointing checkpointing) throws IOException {
        return train(split, listener, checkpointing, null);
    }

    private TrainingResult train(LabeledGlyphs.Split split, TrainingListener listener, Checkpointing checkpointing, Parameters start)
            throws IOException {
        Objects.requireNonNull(listener, "listener");
        LabeledGlyphs train = split.train();
        if (train.size() == 0) throw new IllegalArgumentException("the training split is empty");
        long classesPresent = Arrays.stream(train.classCounts()).filter(c -> c > 0).count();
        if (classesPresent < 2) throw new IllegalArgumentException("the training split must hold >= 2 classes, has " + classesPresent);
        if (augmenting() && !train.hasInk()) {
            throw new IllegalArgumentException("augmentation needs each sample's ink image: load the data with "
                    + "DatasetLoader.loadForTraining(dir) (or load(dir, preprocessor, decoder, true)), or train with AugmentSettings.NONE");
        }
        Architecture arch = config.architecture(train.alphabet().size());
        Run run = new Run(arch, backend != null ? backend : Backends.best(arch), split, listener, checkpointing);
        run.startFrom = start;
        try {
            return run.execute();
        } finally {
            if (run.interrupted) Thread.currentThread().interrupt();
        }
    }

    private boolean augmenting() {
        return !config.augment().equals(AugmentSettings.NONE);
    }

    /** The mutable state of one training run. */
    private final class Run {
        private final Architecture arch;
        private final Backend backend;
        private final LabeledGlyphs train;
        private final LabeledGlyphs validation;
        private final LabeledGlyphs test;
        private final TrainingListener listener;
        private final Checkpointing checkpointing;
        private final int stepBatch;
        private final float[] batchInputs;
        private final int[] batchTargets;
        private final List<EpochRecord> history = new ArrayList<>();
        private final List<Double> goodLosses = new ArrayList<>();
        private float[] batchLosses = new float[1024];
        private double baseLearningRate = config.learningRate();
        private double momentum = config.momentum();
        private double l2 = config.l2();
        private int halvings;
        /** Set when the listener asked to stop or the thread was interrupted; training ends after the current step. */
        private boolean cancelled;
        /** Whether the training thread was interrupted: its flag is cleared while training finishes, then set again. */
        private boolean interrupted;
        /** The weights to start from (fine-tuning); null for freshly initialised ones. */
        private Parameters startFrom;
        private long steps;
        private long stepNanos;
        private long stepSamples;
        private double previousSeconds;

        Run(Architecture arch, Backend backend, LabeledGlyphs.Split split, TrainingListener listener, Checkpointing checkpointing) {
            this.arch = arch;
            this.backend = backend;
            this.train = split.train();
            this.validation = split.validation();
            this.test = split.test();
            this.listener = listener;
            this.checkpointing = checkpointing;
            // Weight averaging gives each tower whole minibatches of its own.
            int perStep = config.batchSize() * (config.towerMode() == TowerMode.WEIGHT_AVERAGE ? config.towers() : 1);
            stepBatch = Math.min(perStep, train.size());
            batchInputs = new float[stepBatch * Glyph.PIXELS];
            batchTargets = new int[stepBatch];
        }

        private TrainingSession openSession(Parameters initial) {
            if (config.towers() == 1) return backend.trainingSession(initial, stepBatch);
            return new TowerSession(backend, initial, stepBatch, config.towers(), config.towerMode(), config.averageEvery());
        }

        TrainingResult execute() throws IOException {
            long start = System.nanoTime();
            Parameters initial = startFrom != null ? startFrom : Parameters.initialize(arch, config.seed());
            Checkpoint resumed = checkpointing != null && checkpointing.resume() && Files.exists(checkpointing.file())
                    ? CheckpointFile.read(checkpointing.file(), arch) : null;
            if (resumed != null) checkResumable(resumed);
            String stopReason = "max-epochs";
            try (TrainingSession session = openSession(initial);
                 EpochInputs epochInputs = augmenting() ? new AugmentedInputs(train, config) : new PlainInputs(train)) {
                Parameters lastGood = initial;
                Parameters best = initial;
                double initialLoss = resumed != null ? resumed.initialLoss() : evaluate(session, train).meanLoss();
                double referenceLoss;
                double bestScore = Double.NEGATIVE_INFINITY;
                int sinceBest = 0;
                double plateauLoss = Double.POSITIVE_INFINITY;
                int sincePlateau = 0;
                boolean anyGood = false;
                int firstEpoch = 1;
                if (resumed != null) {
                    session.importState(resumed.session());
                    lastGood = resumed.lastGood();
                    best = resumed.best();
                    referenceLoss = resumed.referenceLoss();
                    bestScore = resumed.bestScore();
                    sinceBest = resumed.sinceBest();
                    plateauLoss = resumed.plateauLoss();
                    sincePlateau = resumed.sincePlateau();
                    anyGood = resumed.anyGood();
                    baseLearningRate = resumed.baseLearningRate();
                    momentum = resumed.momentum();
                    l2 = resumed.l2();
                    halvings = resumed.halvings();
                    steps = resumed.steps();
                    stepSamples = resumed.stepSamples();
                    stepNanos = resumed.stepNanos();
                    previousSeconds = resumed.elapsedSeconds();
                    history.addAll(resumed.history());
                    goodLosses.addAll(resumed.goodLosses());
                    batchLosses = Arrays.copyOf(resumed.batchLosses(), Math.max(1024, resumed.batchLosses().length * 2));
                    firstEpoch = resumed.epochsDone() + 1;
                } else {
                    referenceLoss = initialLoss;
                }
                String description = backend.description() + (config.towers() > 1 ? ", " + config.towers() + " towers ("
                        + config.towerMode().id() + ")" : "");
                listener.onStart(description, train.size(), validation.size(), test.size(), firstEpoch - 1);
                // Undone epochs do not count: every run gets maxEpochs good epochs, and the schedule
                // advances with them, so a rate that first had to be halved down still gets the whole
                // schedule. Halvings are bounded by the rate's floor, so the loop ends.
                for (int epoch = firstEpoch; goodEpochs() < config.maxEpochs(); epoch++) {
                    long epochStart = System.nanoTime();
                    float[] inputs = cancelled ? null : epochInputs.inputs(epoch);
                    EpochOutcome outcome = inputs == null ? null : runEpoch(session, epoch, goodEpochs() + 1, inputs, referenceLoss);
                    if (outcome == null) {
                        // An interrupt is the host's request to stop: it is honoured here, and set again
                        // once training has returned, so that finishing (evaluation, closing) is not cut short.
                        interrupted = Thread.interrupted();
                        // Cancelled by the host: the unfinished epoch is dropped, the best finished one kept.
                        stopReason = "cancelled";
                        if (!anyGood) throw new TrainingCancelledException("training was cancelled during epoch " + epoch
                                + ", before any epoch finished; the checkpoint (if any) is kept for --resume");
                        break;
                    }
                    double seconds = (System.nanoTime() - epochStart) / 1e9;
                    String divergence = outcome.divergence != null ? outcome.divergence : divergence(outcome, referenceLoss);
                    boolean stop = false;
                    if (divergence != null) {
                        history.add(new EpochRecord(epoch, steps, outcome.meanLoss, outcome.accuracy, Double.NaN, outcome.lastRate, true, seconds));
                        listener.onEpoch(history.get(history.size() - 1));
                        if (restartsFromInitialWeights(goodEpochs(), config.maxEpochs())) {
                            // The epochs run so far were at a rate now found unstable: they are more likely
                            // to have saturated units than to have made progress. Start over.
                            lastGood = initial;
                            best = initial;
                            bestScore = Double.NEGATIVE_INFINITY;
                            sinceBest = 0;
                            plateauLoss = Double.POSITIVE_INFINITY;
                            sincePlateau = 0;
                            goodLosses.clear();
                            divergence += "; restarting from the initial weights";
                        }
                        session.setParameters(lastGood);
                        // The reference starts again from where training resumes, so an old lucky low
                        // does not set off a cascade of halvings at the new rate.
                        referenceLoss = goodLosses.isEmpty() ? initialLoss : goodLosses.get(goodLosses.size() - 1);
                        baseLearningRate /= 2;
                        if (config.halveMomentum()) momentum /= 2;
                        if (config.halveL2()) l2 /= 2;
                        halvings++;
                        listener.onHalving(epoch, baseLearningRate * config.batchScaling().factor(config.batchSize()), divergence);
                        if (baseLearningRate < config.minLearningRate()) {
                            stopReason = "learning-rate-floor";
                            if (!anyGood) {
                                throw new TrainingDivergedException(divergence + " at epoch " + epoch + "; the learning rate fell under its floor "
                                        + config.minLearningRate() + " without one good epoch");
                            }
                            stop = true;
                        }
                    } else {
                        anyGood = true;
                        if (session instanceof TowerSession towers) towers.synchronize();
                        lastGood = session.parameters();
                        referenceLoss = Math.min(referenceLoss, outcome.meanLoss);
                        goodLosses.add(outcome.meanLoss);
                        double validationAccuracy = validation.size() > 0 ? evaluate(session, validation).accuracy() : Double.NaN;
                        history.add(new EpochRecord(epoch, steps, outcome.meanLoss, outcome.accuracy, validationAccuracy,
                                outcome.lastRate, false, seconds));
                        listener.onEpoch(history.get(history.size() - 1));
                        double score = validation.size() > 0 ? validationAccuracy : outcome.accuracy;
                        if (score > bestScore) {
                            bestScore = score;
                            best = lastGood;
                            sinceBest = 0;
                        } else {
                            sinceBest++;
                        }
                        if (outcome.meanLoss < plateauLoss * (1 - config.plateauImprovement())) {
                            plateauLoss = outcome.meanLoss;
                            sincePlateau = 0;
                        } else if (config.plateauPatience() > 0 && ++sincePlateau >= config.plateauPatience()) {
                            // Progress stalled: likely a rate too large to converge, but not large enough to diverge.
                            baseLearningRate /= 2;
                            halvings++;
                            plateauLoss = outcome.meanLoss;
                            sincePlateau = 0;
                            listener.onHalving(epoch, baseLearningRate * config.batchScaling().factor(config.batchSize()),
                                    String.format(Locale.ROOT, "loss has not improved by %.0f%% in %d epochs", 100 * config.plateauImprovement(),
                                            config.plateauPatience()));
                        }
                        String converged = baseLearningRate < config.minLearningRate() ? "learning-rate-floor"
                                : converged(score, sinceBest, outcome);
                        if (converged != null) {
                            stopReason = converged;
                            stop = true;
                        }
                    }
                    if (checkpointing != null) {
                        double elapsed = previousSeconds + (System.nanoTime() - start) / 1e9;
                        CheckpointFile.write(new Checkpoint(config.toMap(), train.sha256(), epoch, baseLearningRate, momentum, l2,
                                halvings, initialLoss, referenceLoss, goodLosses, bestScore, sinceBest, plateauLoss, sincePlateau,
                                anyGood, steps, stepSamples, stepNanos, elapsed, history, Arrays.copyOf(batchLosses, (int) steps),
                                session.exportState(), lastGood, best), checkpointing.file());
                    }
                    double elapsed = previousSeconds + (System.nanoTime() - start) / 1e9;
                    int good = goodEpochs();
                    double eta = good == 0 ? Double.NaN : elapsed / history.size() * (config.maxEpochs() - good);
                    listener.onProgress(new TrainingProgress(history.get(history.size() - 1), good, config.maxEpochs(), halvings,
                            bestScore > Double.NEGATIVE_INFINITY ? bestScore : Double.NaN, description, elapsed, stop ? 0 : eta));
                    if (stop) break;
                }
                if (!anyGood) throw new TrainingDivergedException("no epoch finished without diverging");
                session.setParameters(best);
                double trainSeconds = previousSeconds + (System.nanoTime() - start) / 1e9;
                Model model = Model.of(best, train.alphabet(), train.preprocessing(), provenance(session, trainSeconds, stopReason))
                        .withCalibration(calibration(session));
                double samplesPerSecond = stepNanos > 0 ? stepSamples / (stepNanos / 1e9) : 0;
                // A cancelled run keeps its checkpoint (of the last finished epoch), so it can be resumed.
                if (checkpointing != null && !cancelled) Files.deleteIfExists(checkpointing.file());
                return new TrainingResult(model, history, samplesPerSecond, Arrays.copyOf(batchLosses, (int) steps));
            }
        }

        private Provenance provenance(TrainingSession session, double trainSeconds, String stopReason) {
            double trainAccuracy = evaluate(session, train).accuracy();
            double validationAccuracy = validation.size() > 0 ? evaluate(session, validation).accuracy() : Double.NaN;
            double testAccuracy = test.size() > 0 ? evaluate(session, test).accuracy() : Double.NaN;
            return new Provenance(Provenance.currentLibraryVersion(), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                    config.seed(), config.toMap(), train.name(), train.sha256(), train.size(), validation.size(), test.size(),
                    history.size(), trainSeconds, trainAccuracy, validationAccuracy, testAccuracy, halvings, stopReason,
                    backend.description() + (config.towers() > 1 ? ", " + config.towers() + " towers" : ""));
        }

        private void checkResumable(Checkpoint c) throws CheckpointException {
            Map<String, String> now = config.toMap();
            Map<String, String> differences = new TreeMap<>();
            for (String key : now.keySet()) {
                if (!now.get(key).equals(c.settings().get(key))) differences.put(key, c.settings().get(key) + " -> " + now.get(key));
            }
            if (!differences.isEmpty()) {
                throw new CheckpointException(checkpointing.file() + ": the checkpoint was made with other settings " + differences
                        + "; resume with the same settings, or start afresh without --resume");
            }
            if (!c.dataSha256().equals(train.sha256())) {
                throw new CheckpointException(checkpointing.file() + ": the checkpoint was made from other data; resume on the same data");
            }
        }

        /**
         * Why an epoch counts as diverged, or null if it does not.
         *
         * @param referenceLoss the lowest epoch loss since the last halving (the untrained network's,
         *     at first): measuring against the lowest, not the last, also catches a loss that creeps
         *     up a little every epoch at a rate too large to settle
         */
        private String divergence(EpochOutcome outcome, double referenceLoss) {
            if (!Double.isFinite(outcome.meanLoss)) {
                return "loss is " + outcome.meanLoss + " at batch " + outcome.batches + " (learningRate=" + format(outcome.lastRate) + ")";
            }
            if (outcome.meanLoss > referenceLoss * (1 + config.divergenceTolerance())) {
                return String.format(Locale.ROOT, "loss %.4g rose more than %.0f%% above the lowest since the last halving, %.4g (learningRate=%s)",
                        outcome.meanLoss, config.divergenceTolerance() * 100, referenceLoss, format(outcome.lastRate));
            }
            return null;
        }

        /** Why training has converged after a good epoch, or null to go on. */
        private String converged(double score, int sinceBest, EpochOutcome outcome) {
            if (config.targetError() > 0 && 1 - score <= config.targetError()) return "target-error";
            if (config.patience() > 0 && sinceBest >= config.patience()) return "patience";
            int w = config.lossWindow();
            if (w > 0 && goodLosses.size() > w) {
                double then = goodLosses.get(goodLosses.size() - 1 - w);
                double now = goodLosses.get(goodLosses.size() - 1);
                if ((then - now) / then < config.minLossImprovement()) return "loss-plateau";
            }
            if (config.minGradientNorm() > 0 && outcome.meanGradientNorm < config.minGradientNorm()) return "gradient-norm";
            return null;
        }

        private record EpochOutcome(double meanLoss, double accuracy, int batches, double lastRate, double meanGradientNorm,
                                    String divergence) {
        }

        /** Epochs so far that were not undone. */
        private int goodEpochs() {
            return goodLosses.size();
        }

        /**
         * @param epoch this epoch's number, counting undone ones: it seeds the shuffle and augmentation
         * @param scheduleEpoch this epoch's place in the schedule: good epochs before it, plus one
         */
        private EpochOutcome runEpoch(TrainingSession session, int epoch, int scheduleEpoch, float[] inputs, double reference) {
            int[] order = new int[train.size()];
            for (int i = 0; i < order.length; i++) order[i] = i;
            // Each epoch's order comes from its own generator, so a resumed run shuffles as the original did.
            LabeledGlyphs.shuffle(order, new SplittableRandom(config.seed() * 0x9E3779B97F4A7C15L + epoch));
            int batches = (order.length + stepBatch - 1) / stepBatch;
            double scaledRate = baseLearningRate * config.batchScaling().factor(config.batchSize());
            int runawayCheckFrom = Math.max(10, batches / 5);
            double lossSum = 0;
            double normSum = 0;
            long correct = 0;
            int seen = 0;
            double rate = scaledRate;
            for (int b = 0; b < batches; b++) {
                int startIndex = b * stepBatch;
                int n = Math.min(stepBatch, order.length - startIndex);
                for (int k = 0; k < n; k++) {
                    int i = order[startIndex + k];
                    System.arraycopy(inputs, i * Glyph.PIXELS, batchInputs, k * Glyph.PIXELS, Glyph.PIXELS);
                    batchTargets[k] = train.target(i);
                }
                rate = scaledRate * config.schedule().multiplier(scheduleEpoch, (double) b / batches, config.maxEpochs());
                long t0 = System.nanoTime();
                BatchResult r = session.step(batchInputs, batchTargets, n, new StepSettings(rate, momentum, config.nesterov(), l2));
                stepNanos += System.nanoTime() - t0;
                stepSamples += n;
                recordBatchLoss(r.meanLoss());
                listener.onBatch(epoch, b + 1, batches, r.meanLoss(), rate);
                if (listener.stopRequested() || Thread.currentThread().isInterrupted()) {
                    cancelled = true;
                    return null;
                }
                if (!Double.isFinite(r.meanLoss())) return new EpochOutcome(r.meanLoss(), Double.NaN, b + 1, rate, Double.NaN, null);
                lossSum += r.meanLoss() * n;
                normSum += r.gradientNorm();
                correct += r.correct();
                seen += n;
                double running = lossSum / seen;
                if (b + 1 >= runawayCheckFrom && b + 1 < batches && running > reference * RUNAWAY_FACTOR) {
                    String why = String.format(Locale.ROOT, "loss %.4g after %d of %d batches is more than %.0fx the %.4g of the last good epoch (learningRate=%s)",
                            running, b + 1, batches, RUNAWAY_FACTOR, reference, format(rate));
                    return new EpochOutcome(running, (double) correct / seen, b + 1, rate, normSum / (b + 1), why);
                }
            }
            return new EpochOutcome(lossSum / seen, (double) correct / seen, batches, rate, normSum / batches, null);
        }

        private void recordBatchLoss(double loss) {
            if (steps == batchLosses.length) batchLosses = Arrays.copyOf(batchLosses, batchLosses.length * 2);
            batchLosses[(int) steps++] = (float) loss;
        }

        /** Loss and accuracy of a whole dataset under the session's current parameters. */
        private record Evaluation(double meanLoss, double accuracy) {
        }

        /**
         * The temperature that calibrates the session's probabilities on the validation split
         * ({@link Calibration#fit}); none without a validation split, since the training samples
         * are no measure: a network is surest of the samples it learnt.
         */
        private Calibration calibration(TrainingSession session) {
            if (validation.size() == 0) return Calibration.NONE;
            int classes = arch.classCount();
            int units = arch.outputSize();
            int chunk = 256;
            float[] in = new float[chunk * Glyph.PIXELS];
            float[] out = new float[chunk * units];
            float[] probabilities = new float[validation.size() * classes];
            float[] row = new float[classes];
            for (int start = 0; start < validation.size(); start += chunk) {
                int n = Math.min(chunk, validation.size() - start);
                for (int k = 0; k < n; k++) validation.copyInputs(start + k, in, k * Glyph.PIXELS);
                session.predict(in, n, out);
                for (int k = 0; k < n; k++) {
                    arch.toClassProbabilities(out, k * units, row);
                    System.arraycopy(row, 0, probabilities, (start + k) * classes, classes);
                }
            }
            return Calibration.fit(probabilities, validation.targets(), validation.size(), classes);
        }

        private Evaluation evaluate(TrainingSession session, LabeledGlyphs data) {
            int chunk = 256;
            float[] in = new float[chunk * Glyph.PIXELS];
            float[] out = new float[chunk * arch.outputSize()];
            double loss = 0;
            long correct = 0;
            int units = arch.outputSize();
            for (int start = 0; start < data.size(); start += chunk) {
                int n = Math.min(chunk, data.size() - start);
                for (int k = 0; k < n; k++) data.copyInputs(start + k, in, k * Glyph.PIXELS);
                session.predict(in, n, out);
                for (int k = 0; k < n; k++) {
                    int target = data.target(start + k);
                    loss += arch.loss().sampleLoss(arch.outputLayer().activation(), out, k * units, units, target);
                    if (arch.predictedClass(out, k * units) == target) correct++;
                }
            }
            return new Evaluation(loss / data.size(), (double) correct / data.size());
        }
    }

    private static String format(double rate) {
        return String.format(Locale.ROOT, "%.4g", rate);
    }

    /** The inputs of every training sample for one epoch, row-major {@code size × 400}. */
    private interface EpochInputs extends AutoCloseable {
        /** The inputs; null if the thread was interrupted while they were being prepared. */
        float[] inputs(int epoch);

        @Override
        default void close() {
        }
    }

    /** Without augmentation every epoch sees the same inputs. */
    private static final class PlainInputs implements EpochInputs {
        private final float[] inputs;

        PlainInputs(LabeledGlyphs train) {
            inputs = train.inputs();
        }

        @Override
        public float[] inputs(int epoch) {
            return inputs;
        }
    }

    /**
     * Fresh augmentations every epoch, each sample drawn from a generator of (seed, epoch, sample)
     * so the result does not depend on threads or on where a run was resumed. The next epoch is
     * prepared on a background thread while this one trains.
     */
    private static final class AugmentedInputs implements EpochInputs {
        private final LabeledGlyphs train;
        private final Augmenter augmenter;
        private final Preprocessor preprocessor;
        private final long seed;
        private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "glyph-ocr-augment");
            t.setDaemon(true);
            return t;
        });
        private Future<float[]> next;
        private int nextEpoch = -1;

        AugmentedInputs(LabeledGlyphs train, TrainerConfig config) {
            this.train = train;
            this.preprocessor = new Preprocessor(train.preprocessing());
            this.augmenter = new Augmenter(config.augment(), train.preprocessing().fitSize());
            this.seed = config.seed();
        }

        @Override
        public float[] inputs(int epoch) {
            try {
                float[] result = nextEpoch == epoch ? next.get() : prepare(epoch);
                nextEpoch = epoch + 1;
                next = background.submit(() -> prepare(epoch + 1));
                return result;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null; // the host cancelled training
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException re) throw re;
                throw new IllegalStateException(e.getCause());
            }
        }

        private float[] prepare(int epoch) {
            float[] inputs = new float[train.size() * Glyph.PIXELS];
            for (int i = 0; i < train.size(); i++) {
                SplittableRandom random = Augmenter.randomFor(seed, epoch, i);
                preprocessor.toGlyph(augmenter.apply(train.ink(i), random)).copyInto(inputs, i * Glyph.PIXELS);
            }
            return inputs;
        }

        @Override
        public void close() {
            background.shutdownNow();
        }
    }
}
