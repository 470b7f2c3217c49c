package org.glyphocr.cli;

import org.glyphocr.augment.AugmentSettings;
import org.glyphocr.backend.Backend;
import org.glyphocr.backend.BackendUnavailableException;
import org.glyphocr.backend.Backends;
import org.glyphocr.image.PreprocessSettings;
import org.glyphocr.nn.Activation;
import org.glyphocr.nn.Loss;
import org.glyphocr.train.BatchScaling;
import org.glyphocr.train.LearningRateSchedule;
import org.glyphocr.train.TowerMode;
import org.glyphocr.train.TrainerConfig;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Arrays;

/** Every trainer, preprocessing and augmentation setting as an option; shared by {@code train} and {@code search}. */
final class TrainerOptions {
    private static final TrainerConfig DEFAULTS = TrainerConfig.builder().build();
    private static final AugmentSettings AUGMENT = AugmentSettings.DEFAULT;
    private static final LearningRateSchedule SCHEDULE = DEFAULTS.schedule();

    @Option(names = "--hidden", paramLabel = "N[,N...]", converter = CommaLists.IntsConverter.class,
            description = "Hidden layer sizes, input side first, e.g. 256 or 300,100; 0 for none (default: 256).")
    CommaLists.Ints hidden = new CommaLists.Ints(DEFAULTS.hiddenLayers());

    @Option(names = "--activation", paramLabel = "NAME", description = "Hidden activation: sigmoid, tanh or relu (default: sigmoid).")
    String activation = DEFAULTS.hiddenActivation().id();

    @Option(names = "--loss", paramLabel = "NAME", description = "cross-entropy (softmax output) or sum-of-squares (sigmoid outputs) (default: cross-entropy).")
    String loss = DEFAULTS.loss().id();

    @Option(names = "--batch", paramLabel = "N", description = "Minibatch size; the loss is averaged over it (default: ${DEFAULT-VALUE}).")
    int batch = DEFAULTS.batchSize();

    @Option(names = {"--learning-rate", "--lr"}, paramLabel = "RATE", description = "Learning rate for a batch of 32 (default: ${DEFAULT-VALUE}).")
    double learningRate = DEFAULTS.learningRate();

    @Option(names = "--batch-scaling", paramLabel = "RULE", description = "How the rate follows the batch size: none, linear or sqrt (default: sqrt).")
    String batchScaling = DEFAULTS.batchScaling().id();

    @Option(names = "--schedule", paramLabel = "NAME", description = "Learning-rate schedule: constant, step or cosine (default: cosine).")
    String schedule = SCHEDULE.kind().id();

    @Option(names = "--warmup", paramLabel = "EPOCHS", description = "Epochs of linear learning-rate warm-up (default: ${DEFAULT-VALUE}).")
    double warmup = SCHEDULE.warmupEpochs();

    @Option(names = "--step-every", paramLabel = "EPOCHS", description = "Step schedule: epochs between steps (default: ${DEFAULT-VALUE}).")
    int stepEvery = SCHEDULE.stepEvery();

    @Option(names = "--step-factor", paramLabel = "F", description = "Step schedule: rate multiplier at each step (default: ${DEFAULT-VALUE}).")
    double stepFactor = SCHEDULE.stepFactor();

    @Option(names = "--cosine-floor", paramLabel = "F", description = "Cosine schedule: final rate as a fraction of the first (default: ${DEFAULT-VALUE}).")
    double cosineFloor = SCHEDULE.cosineFloor();

    @Option(names = "--momentum", paramLabel = "MU", description = "Momentum in [0, 1) (default: ${DEFAULT-VALUE}).")
    double momentum = DEFAULTS.momentum();

    @Option(names = "--nesterov", description = "Nesterov momentum instead of classical.")
    boolean nesterov = DEFAULTS.nesterov();

    @Option(names = "--l2", paramLabel = "LAMBDA", description = "L2 weight decay (default: ${DEFAULT-VALUE}).")
    double l2 = DEFAULTS.l2();

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs to train; one undone by halving does not count (default: ${DEFAULT-VALUE}).")
    int epochs = DEFAULTS.maxEpochs();

    @Option(names = "--target-error", paramLabel = "E", description = "Stop once the validation error rate is at most E; 0 never (default: ${DEFAULT-VALUE}).")
    double targetError = DEFAULTS.targetError();

    @Option(names = "--patience", paramLabel = "N", description = "Stop after N epochs without better validation accuracy; 0 never (default: ${DEFAULT-VALUE}).")
    int patience = DEFAULTS.patience();

    @Option(names = "--loss-window", paramLabel = "N", description = "Stop when the epoch loss improved by less than --min-improvement over N epochs; 0 never (default: ${DEFAULT-VALUE}).")
    int lossWindow = DEFAULTS.lossWindow();

    @Option(names = "--min-improvement", paramLabel = "F", description = "Relative loss improvement that --loss-window asks for (default: ${DEFAULT-VALUE}).")
    double minImprovement = DEFAULTS.minLossImprovement();

    @Option(names = "--min-gradient-norm", paramLabel = "G", description = "Stop when an epoch's mean gradient norm is below G; 0 never (default: ${DEFAULT-VALUE}).")
    double minGradientNorm = DEFAULTS.minGradientNorm();

    @Option(names = "--plateau-patience", paramLabel = "N", description = "Halve the rate when the loss has not improved by --plateau-improvement in N epochs; 0 never (default: ${DEFAULT-VALUE}).")
    int plateauPatience = DEFAULTS.plateauPatience();

    @Option(names = "--plateau-improvement", paramLabel = "F", description = "Relative loss improvement that counts as progress for --plateau-patience (default: ${DEFAULT-VALUE}).")
    double plateauImprovement = DEFAULTS.plateauImprovement();

    @Option(names = "--divergence-tolerance", paramLabel = "F", description = "Halve the learning rate when the epoch loss rises by more than this fraction (default: ${DEFAULT-VALUE}).")
    double divergenceTolerance = DEFAULTS.divergenceTolerance();

    @Option(names = "--min-learning-rate", paramLabel = "RATE", description = "Stop when halving takes the rate below this (default: ${DEFAULT-VALUE}).")
    double minLearningRate = DEFAULTS.minLearningRate();

    @Option(names = "--halve-momentum", description = "Also halve the momentum at each halving.")
    boolean halveMomentum = DEFAULTS.halveMomentum();

    @Option(names = "--halve-l2", description = "Also halve L2 at each halving.")
    boolean halveL2 = DEFAULTS.halveL2();

    @Option(names = "--validation", paramLabel = "F", description = "Fraction of each class held out for validation (default: ${DEFAULT-VALUE}).")
    double validation = DEFAULTS.validationFraction();

    @Option(names = "--test", paramLabel = "F", description = "Fraction of each class held out for the final test (default: ${DEFAULT-VALUE}).")
    double test = DEFAULTS.testFraction();

    @Option(names = "--seed", paramLabel = "N", description = "Seed for initialisation, split, shuffling and augmentation (default: ${DEFAULT-VALUE}).")
    long seed = DEFAULTS.seed();

    @Option(names = "--towers", paramLabel = "N", description = "Data-parallel towers, one thread each (default: ${DEFAULT-VALUE}).")
    int towers = DEFAULTS.towers();

    @Option(names = "--tower-mode", paramLabel = "MODE", description = "gradient-average (same steps as one tower) or weight-average (default: gradient-average).")
    String towerMode = DEFAULTS.towerMode().id();

    @Option(names = "--average-every", paramLabel = "STEPS", description = "weight-average: steps between averaging the towers' weights (default: ${DEFAULT-VALUE}).")
    int averageEvery = DEFAULTS.averageEvery();

    @Option(names = "--backend", paramLabel = "NAME", defaultValue = "auto",
            description = "auto, cpu or gpu (default: ${DEFAULT-VALUE}). auto uses a GPU only for networks large enough to gain from it.")
    String backend;

    /**
     * The backend named by {@code --backend}, or {@code null} for {@code auto}, which is chosen once
     * the network's size is known. Checked before any data is loaded, so a missing GPU fails at once.
     *
     * @throws BackendUnavailableException saying what is missing
     */
    Backend requestedBackend() throws BackendUnavailableException {
        return backend.equalsIgnoreCase("auto") ? null : Backends.named(backend);
    }

    /** {@code requested}, or for {@code auto} (null) the best backend for the network {@code config} trains on {@code classes} classes. */
    static Backend backendFor(Backend requested, TrainerConfig config, int classes) {
        return requested != null ? requested : Backends.best(config.architecture(classes));
    }

    // Preprocessing, stored in the model.
    @Option(names = "--fit-size", paramLabel = "N", description = "Preprocessing: side in glyph pixels that the ink's longer side is scaled to, 1..20 (default: ${DEFAULT-VALUE}).")
    int fitSize = PreprocessSettings.DEFAULT.fitSize();

    // picocli's pattern for a negatable option that is true by default: declare the negative name.
    @Option(names = "--no-deskew", negatable = true, description = "Preprocessing: --no-deskew keeps the slant; --deskew (the default) undoes it by image moments.")
    boolean deskew = PreprocessSettings.DEFAULT.deskew();

    @Option(names = "--stroke-width", paramLabel = "PX", description = "Preprocessing: mean stroke width in glyph pixels that strokes are thickened or thinned to; 0 leaves them (default: ${DEFAULT-VALUE}).")
    double strokeWidth = PreprocessSettings.DEFAULT.strokeWidth();

    @Mixin
    AugmentOptions augment = new AugmentOptions();

    /** The augmentation options: fresh every epoch; a strength of 0 switches a transform off. */
    static final class AugmentOptions {
        @Option(names = "--no-augment", description = "Train on the samples as they are.")
        boolean off;

        @Option(names = "--augment-probability", paramLabel = "P", description = "Chance that a sample is augmented at all (default: ${DEFAULT-VALUE}).")
        double probability = AUGMENT.probability();

        @Option(names = "--rotation", paramLabel = "DEG", description = "Rotation within ±DEG degrees (default: ${DEFAULT-VALUE}).")
        double rotation = AUGMENT.rotationDegrees();

        @Option(names = "--scaling", paramLabel = "S", description = "Independent x and y scale in [1-S, 1+S] (default: ${DEFAULT-VALUE}).")
        double scaling = AUGMENT.scaling();

        @Option(names = "--shear", paramLabel = "K", description = "Horizontal shear within ±K (default: ${DEFAULT-VALUE}).")
        double shear = AUGMENT.shear();

        @Option(names = "--translate", paramLabel = "F", description = "Shift within ±F of the ink's size (default: ${DEFAULT-VALUE}).")
        double translate = AUGMENT.translate();

        @Option(names = "--elastic-alpha", paramLabel = "A", description = "Elastic distortion strength (default: ${DEFAULT-VALUE}).")
        double elasticAlpha = AUGMENT.elasticAlpha();

        @Option(names = "--elastic-sigma", paramLabel = "S", description = "Elastic distortion smoothness (default: ${DEFAULT-VALUE}).")
        double elasticSigma = AUGMENT.elasticSigma();

        @Option(names = "--stroke-change", paramLabel = "PX", description = "Thicken or thin strokes within ±PX glyph pixels (default: ${DEFAULT-VALUE}).")
        double strokeChange = AUGMENT.strokeWidthChange();

        @Option(names = "--blur", paramLabel = "SIGMA", description = "Gaussian blur up to SIGMA glyph pixels (default: ${DEFAULT-VALUE}).")
        double blur = AUGMENT.blurSigma();

        @Option(names = "--noise", paramLabel = "STD", description = "Noise on the ink of this standard deviation (default: ${DEFAULT-VALUE}).")
        double noise = AUGMENT.noise();

        @Option(names = "--specks", paramLabel = "P", description = "Chance of a speck of dirt (default: ${DEFAULT-VALUE}).")
        double specks = AUGMENT.speckProbability();

        AugmentSettings settings() {
            if (off) return AugmentSettings.NONE;
            return AugmentSettings.builder().probability(probability).rotationDegrees(rotation).scaling(scaling).shear(shear)
                    .translate(translate).elasticAlpha(elasticAlpha).elasticSigma(elasticSigma).strokeWidthChange(strokeChange)
                    .blurSigma(blur).noise(noise).speckProbability(specks).build();
        }
    }

    /** The settings, checked; a bad value fails here, before any data is read. */
    TrainerConfig config() {
        int[] sizes = hidden.values();
        for (int h : sizes) if (h < 0) throw new IllegalArgumentException("--hidden sizes must be >= 0, was " + Arrays.toString(sizes));
        return TrainerConfig.builder()
                .hiddenLayers(Arrays.stream(sizes).filter(h -> h != 0).toArray())
                .hiddenActivation(Activation.fromId(activation))
                .loss(Loss.fromId(loss))
                .batchSize(batch).learningRate(learningRate).batchScaling(BatchScaling.fromId(batchScaling))
                .schedule(new LearningRateSchedule(LearningRateSchedule.Kind.fromId(schedule), warmup, stepEvery, stepFactor, cosineFloor))
                .momentum(momentum).nesterov(nesterov).l2(l2)
                .maxEpochs(epochs).targetError(targetError).patience(patience)
                .lossPlateau(lossWindow, minImprovement).minGradientNorm(minGradientNorm)
                .divergenceTolerance(divergenceTolerance).minLearningRate(minLearningRate)
                .plateauHalving(plateauPatience, plateauImprovement)
                .halveMomentum(halveMomentum).halveL2(halveL2)
                .split(validation, test).seed(seed)
                .towers(towers, TowerMode.fromId(towerMode)).averageEvery(averageEvery)
                .augment(augment.settings())
                .build();
    }

    PreprocessSettings preprocessing() {
        return PreprocessSettings.builder().fitSize(fitSize).deskew(deskew).strokeWidth(strokeWidth).build();
    }
}
