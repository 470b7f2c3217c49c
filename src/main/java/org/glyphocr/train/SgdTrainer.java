package org.glyphocr.train;

import org.glyphocr.backend.Backend;
import org.glyphocr.backend.Backends;
import org.glyphocr.backend.BatchResult;
import org.glyphocr.backend.StepSettings;
import org.glyphocr.backend.TrainingSession;
import org.glyphocr.data.LabeledGlyphs;
import org.glyphocr.image.Glyph;
import org.glyphocr.model.Model;
import org.glyphocr.model.Provenance;
import org.glyphocr.nn.Architecture;
import org.glyphocr.nn.Parameters;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Trains a multilayer perceptron by minibatch SGD with momentum, the loss averaged over each batch,
 * and adaptive halving: when an epoch's loss rises by more than the tolerance above the last good
 * epoch's (the untrained network's, for the first), or becomes NaN or infinite, the last good
 * weights are restored and the learning rate halved (and, as configured, momentum and L2); training
 * stops when the rate falls under its floor. It also stops at {@code maxEpochs}, at the target
 * error, or when validation accuracy has not improved for {@code patience} epochs, and always
 * returns the weights of the best validation epoch.
 *
 * <pre>{@code
 * LabeledGlyphs data = DatasetLoader.load(Path.of("digits/")).data();
 * TrainingResult result = new SgdTrainer(TrainerConfig.builder().seed(7).build()).train(data, TrainingListener.NONE);
 * ModelWriter.write(result.model(), Path.of("digits.gocr"));
 * }</pre>
 *
 * The same data, configuration and seed give the same model, bit for bit, on the same backend.
 */
public final class SgdTrainer {
    private final TrainerConfig config;
    private final Backend backend;

    /** A trainer on the best backend this machine has. */
    public SgdTrainer(TrainerConfig config) {
        this(config, Backends.best());
    }

    public SgdTrainer(TrainerConfig config, Backend backend) {
        this.config = Objects.requireNonNull(config, "config");
        this.backend = Objects.requireNonNull(backend, "backend");
    }

    public TrainerConfig config() {
        return config;
    }

    /** The architecture this trainer builds for {@code classes} classes. */
    public Architecture architecture(int classes) {
        Architecture plain = Architecture.classifier(Glyph.PIXELS, config.hiddenLayers(), config.hiddenActivation(), classes);
        if (config.loss() == plain.loss()) return plain;
        // Sum of squares: one sigmoid unit per class, as in the original design.
        List<org.glyphocr.nn.DenseLayer> layers = new ArrayList<>(plain.layers().subList(0, plain.layerCount() - 1));
        layers.add(org.glyphocr.nn.DenseLayer.dense(classes, org.glyphocr.nn.Activation.SIGMOID));
        return Architecture.of(Glyph.PIXELS, layers, config.loss());
    }

    /**
     * Splits {@code data} as configured and trains.
     *
     * @throws IllegalArgumentException if the training split is empty or has fewer than two classes
     * @throws TrainingDivergedException if no epoch ever succeeded
     */
    public TrainingResult train(LabeledGlyphs data, TrainingListener listener) {
        LabeledGlyphs.Split split = data.split(config.validationFraction(), config.testFraction(), config.seed());
        return train(split, listener);
    }

    /** Trains on a given split; {@code validation} and {@code test} may be empty. */
    public TrainingResult train(LabeledGlyphs.Split split, TrainingListener listener) {
        Objects.requireNonNull(listener, "listener");
        LabeledGlyphs train = split.train();
        if (train.size() == 0) throw new IllegalArgumentException("the training split is empty");
        long classesPresent = java.util.Arrays.stream(train.classCounts()).filter(c -> c > 0).count();
        if (classesPresent < 2) throw new IllegalArgumentException("the training split must hold >= 2 classes, has " + classesPresent);
        Architecture arch = architecture(train.alphabet().size());
        Run run = new Run(arch, split, listener);
        return run.execute();
    }

    /** The mutable state of one training run. */
    private final class Run {
        private final Architecture arch;
        private final LabeledGlyphs train;
        private final LabeledGlyphs validation;
        private final LabeledGlyphs test;
        private final TrainingListener listener;
        private final SplittableRandom random;
        private final float[] batchInputs;
        private final int[] batchTargets;
        private final List<EpochRecord> history = new ArrayList<>();
        private double learningRate = config.learningRate();
        private double momentum = config.momentum();
        private double l2 = config.l2();
        private int halvings;
        private long stepNanos;
        private long stepSamples;

        Run(Architecture arch, LabeledGlyphs.Split split, TrainingListener listener) {
            this.arch = arch;
            this.train = split.train();
            this.validation = split.validation();
            this.test = split.test();
            this.listener = listener;
            // The split already used the seed's first stream; derive independent ones for the rest.
            this.random = new SplittableRandom(config.seed()).split();
            int batch = Math.min(config.batchSize(), train.size());
            batchInputs = new float[batch * Glyph.PIXELS];
            batchTargets = new int[batch];
        }

        TrainingResult execute() {
            long start = System.nanoTime();
            Parameters initial = Parameters.initialize(arch, random.nextLong());
            listener.onStart(backend.description(), train.size(), validation.size(), test.size());
            String stopReason = "max-epochs";
            try (TrainingSession session = backend.trainingSession(initial, batchInputs.length / Glyph.PIXELS)) {
                Parameters lastGood = initial;
                double lastGoodLoss = evaluate(session, train).meanLoss();
                Parameters best = initial;
                double bestValidation = Double.NEGATIVE_INFINITY;
                int sinceBest = 0;
                boolean anyGood = false;
                for (int epoch = 1; epoch <= config.maxEpochs(); epoch++) {
                    long epochStart = System.nanoTime();
                    EpochOutcome outcome = runEpoch(session, epoch);
                    double seconds = (System.nanoTime() - epochStart) / 1e9;
                    String divergence = divergence(outcome, lastGoodLoss);
                    if (divergence != null) {
                        history.add(new EpochRecord(epoch, stepSamples, outcome.meanLoss, outcome.accuracy, Double.NaN, learningRate, true, seconds));
                        listener.onEpoch(history.get(history.size() - 1));
                        session.setParameters(lastGood);
                        learningRate /= 2;
                        if (config.halveMomentum()) momentum /= 2;
                        if (config.halveL2()) l2 /= 2;
                        halvings++;
                        listener.onHalving(epoch, learningRate, divergence);
                        if (learningRate < config.minLearningRate()) {
                            stopReason = "learning-rate-floor";
                            if (!anyGood) {
                                throw new TrainingDivergedException(divergence + " at epoch " + epoch + "; the learning rate fell under its floor "
                                        + config.minLearningRate() + " without one good epoch");
                            }
                            break;
                        }
                        continue;
                    }
                    anyGood = true;
                    lastGood = session.parameters();
                    lastGoodLoss = outcome.meanLoss;
                    double validationAccuracy = validation.size() > 0 ? evaluate(session, validation).accuracy() : Double.NaN;
                    history.add(new EpochRecord(epoch, stepSamples, outcome.meanLoss, outcome.accuracy, validationAccuracy, learningRate, false, seconds));
                    listener.onEpoch(history.get(history.size() - 1));
                    double score = validation.size() > 0 ? validationAccuracy : outcome.accuracy;
                    if (score > bestValidation) {
                        bestValidation = score;
                        best = lastGood;
                        sinceBest = 0;
                    } else {
                        sinceBest++;
                    }
                    if (config.targetError() > 0 && 1 - score <= config.targetError()) {
                        stopReason = "target-error";
                        break;
                    }
                    if (config.patience() > 0 && sinceBest >= config.patience()) {
                        stopReason = "patience";
                        break;
                    }
                }
                if (!anyGood) throw new TrainingDivergedException("no epoch finished without diverging in " + config.maxEpochs() + " epochs");
                session.setParameters(best);
                double trainSeconds = (System.nanoTime() - start) / 1e9;
                double trainAccuracy = evaluate(session, train).accuracy();
                double validationAccuracy = validation.size() > 0 ? evaluate(session, validation).accuracy() : Double.NaN;
                double testAccuracy = test.size() > 0 ? evaluate(session, test).accuracy() : Double.NaN;
                Provenance provenance = new Provenance(Provenance.currentLibraryVersion(), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                        config.seed(), config.toMap(), train.name(), train.sha256(), train.size(), validation.size(), test.size(),
                        history.size(), trainSeconds, trainAccuracy, validationAccuracy, testAccuracy, halvings, stopReason,
                        backend.description());
                Model model = Model.of(best, train.alphabet(), train.preprocessing(), provenance);
                double samplesPerSecond = stepNanos > 0 ? stepSamples / (stepNanos / 1e9) : 0;
                return new TrainingResult(model, history, samplesPerSecond);
            }
        }

        /** Why an epoch counts as diverged, or null if it does not. */
        private String divergence(EpochOutcome outcome, double lastGoodLoss) {
            if (!Double.isFinite(outcome.meanLoss)) {
                return "loss is " + outcome.meanLoss + " at batch " + outcome.batches + " (learningRate=" + learningRate + ")";
            }
            if (outcome.meanLoss > lastGoodLoss * (1 + config.divergenceTolerance())) {
                return String.format(java.util.Locale.ROOT, "loss %.4g rose more than %.0f%% above %.4g (learningRate=%s)",
                        outcome.meanLoss, config.divergenceTolerance() * 100, lastGoodLoss, learningRate);
            }
            return null;
        }

        private record EpochOutcome(double meanLoss, double accuracy, int batches) {
        }

        private EpochOutcome runEpoch(TrainingSession session, int epoch) {
            int[] order = new int[train.size()];
            for (int i = 0; i < order.length; i++) order[i] = i;
            LabeledGlyphs.shuffle(order, random);
            StepSettings settings = new StepSettings(learningRate, momentum, config.nesterov(), l2);
            int batchSize = batchTargets.length;
            double lossSum = 0;
            long correct = 0;
            int seen = 0;
            int batches = 0;
            for (int startIndex = 0; startIndex < order.length; startIndex += batchSize) {
                int n = Math.min(batchSize, order.length - startIndex);
                for (int k = 0; k < n; k++) {
                    int i = order[startIndex + k];
                    train.copyInputs(i, batchInputs, k * Glyph.PIXELS);
                    batchTargets[k] = train.target(i);
                }
                long t0 = System.nanoTime();
                BatchResult r = session.step(batchInputs, batchTargets, n, settings);
                stepNanos += System.nanoTime() - t0;
                stepSamples += n;
                batches++;
                if (!Double.isFinite(r.meanLoss())) return new EpochOutcome(r.meanLoss(), Double.NaN, batches);
                lossSum += r.meanLoss() * n;
                correct += r.correct();
                seen += n;
            }
            return new EpochOutcome(lossSum / seen, (double) correct / seen, batches);
        }

        /** Loss and accuracy of a whole dataset under the session's current parameters. */
        private record Evaluation(double meanLoss, double accuracy) {
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
}
