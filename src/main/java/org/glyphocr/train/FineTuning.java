package org.glyphocr.train;

import org.glyphocr.data.LabeledGlyphs;
import org.glyphocr.image.Glyph;
import org.glyphocr.image.InkImage;
import org.glyphocr.model.Alphabet;
import org.glyphocr.model.Model;
import org.glyphocr.nn.Architecture;
import org.glyphocr.nn.DenseLayer;
import org.glyphocr.nn.Draws;
import org.glyphocr.nn.Parameters;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Adapts a trained model to a handful of new samples per class (5 to 20), including classes the
 * model does not have, while keeping what it knew.
 *
 * <ul>
 *   <li><b>The output layer grows</b> by a unit per new class, its weights drawn small (seeded) and
 *       its bias the mean of the old ones; the hidden layers and old units start where the base
 *       model left them.
 *   <li><b>Replay of stored samples</b> keeps the base alphabet: up to {@code replayPerClass}
 *       samples of each old class, from data of the base alphabet that the caller supplies (for the
 *       bundled digits model, its own training data), are trained on alongside the new ones.
 *   <li>The new samples are few, so each is repeated {@code oversample} times in the training
 *       split; augmentation draws each repetition afresh, so none is seen twice alike.
 *   <li>A fifth of each class, new and old, is held out as the validation split that picks the
 *       best epoch and calibrates the result; the new classes keep at least one sample to train on.
 * </ul>
 *
 * <pre>{@code
 * Model extended = FineTuning.finetune(Models.digits(), DatasetLoader.loadForTraining(Path.of("letters/")).data(),
 *         DatasetLoader.loadForTraining(Path.of("testdata/mnist-7k")).data(), FineTuning.Settings.DEFAULT, TrainingListener.NONE);
 * }</pre>
 */
public final class FineTuning {
    /**
     * @param replayPerClass old-class samples replayed per class, {@code >= 0}
     * @param oversample how often each new sample appears in the training split, {@code >= 1}
     * @param epochs training epochs
     * @param learningRate the rate (for a batch of 32); smaller than for training from scratch, so
     *     the base weights move little
     * @param seed for the split, the new units and training
     */
    public record Settings(int replayPerClass, int oversample, int epochs, double learningRate, long seed) {
        /**
         * 600 replayed samples per old class, each new one 40 times, 10 epochs at rate 0.005, seed 1.
         * Chosen on the bundled digits model with A and X from 10 renderings each (see the README):
         * at 200 replayed per class and rate 0.02 it lost 1.0 point on its digits; at these, 0.14.
         */
        public static final Settings DEFAULT = new Settings(600, 40, 10, 0.005, 1);

        public Settings {
            if (replayPerClass < 0) throw new IllegalArgumentException("replayPerClass must be >= 0, was " + replayPerClass);
            if (oversample < 1) throw new IllegalArgumentException("oversample must be >= 1, was " + oversample);
            if (epochs < 1) throw new IllegalArgumentException("epochs must be >= 1, was " + epochs);
            if (!(learningRate > 0)) throw new IllegalArgumentException("learningRate must be > 0, was " + learningRate);
        }
    }

    static final double VALIDATION_SHARE = 0.2;

    private FineTuning() {
    }

    /**
     * @param base the model to adapt; its output must be a softmax over its classes
     * @param fresh the new samples, loaded with their ink images (for augmentation), under the base
     *     model's preprocessing; their labels may be old or new
     * @param replay samples of the base alphabet, loaded likewise; may be empty to replay nothing
     * @throws IllegalArgumentException if {@code replay} has a label outside the base alphabet,
     *     either set lacks ink images, or the base model has a single sigmoid output
     */
    public static Model finetune(Model base, LabeledGlyphs fresh, LabeledGlyphs replay, Settings settings, TrainingListener listener) {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(settings, "settings");
        Architecture baseArch = base.architecture();
        if (baseArch.outputSize() != baseArch.classCount()) {
            throw new IllegalArgumentException("fine-tuning needs a softmax output over the classes; this model has a single sigmoid unit");
        }
        if (!fresh.hasInk() || (replay.size() > 0 && !replay.hasInk())) {
            throw new IllegalArgumentException("load the samples with DatasetLoader.loadForTraining, so augmentation has their ink images");
        }
        for (LabeledGlyphs set : List.of(fresh, replay)) {
            if (set.size() > 0 && !set.preprocessing().equals(base.preprocessing())) {
                throw new IllegalArgumentException(set.name() + " was preprocessed with other settings than the base model's; "
                        + "load it with new Preprocessor(base.preprocessing())");
            }
        }
        List<String> baseLabels = base.alphabet().labels();
        Set<String> union = new LinkedHashSet<>(baseLabels);
        for (String label : fresh.alphabet().labels()) union.add(label);
        for (String label : replay.alphabet().labels()) {
            if (!baseLabels.contains(label)) throw new IllegalArgumentException("replayed label '" + label + "' is not in the base model's alphabet");
        }
        Alphabet alphabet = new Alphabet(List.copyOf(union));

        SplittableRandom random = new SplittableRandom(settings.seed());
        Samples train = new Samples();
        Samples validation = new Samples();
        // New samples: a fifth of each class held out (at least one left to train on), the rest repeated.
        for (List<Integer> members : byClass(fresh)) {
            shuffle(members, random);
            int held = Math.min(members.size() - 1, (int) Math.round(VALIDATION_SHARE * members.size()));
            for (int k = 0; k < members.size(); k++) {
                int i = members.get(k);
                if (k < held) {
                    validation.add(fresh, i, alphabet);
                } else {
                    for (int r = 0; r < settings.oversample(); r++) train.add(fresh, i, alphabet);
                }
            }
        }
        for (List<Integer> members : byClass(replay)) {
            shuffle(members, random);
            int take = Math.min(members.size(), settings.replayPerClass());
            int held = (int) Math.round(VALIDATION_SHARE * take);
            for (int k = 0; k < take; k++) (k < held ? validation : train).add(replay, members.get(k), alphabet);
        }
        LabeledGlyphs.Split split = new LabeledGlyphs.Split(train.build(alphabet, fresh, "train"),
                validation.build(alphabet, fresh, "validation"), new Samples().build(alphabet, fresh, "test"));

        DenseLayer hidden = baseArch.layers().get(0);
        int[] hiddenSizes = baseArch.layers().subList(0, baseArch.layerCount() - 1).stream().mapToInt(DenseLayer::units).toArray();
        TrainerConfig config = TrainerConfig.builder().hiddenLayers(hiddenSizes).hiddenActivation(hidden.activation())
                .loss(baseArch.loss()).learningRate(settings.learningRate()).maxEpochs(settings.epochs()).seed(settings.seed())
                .split(VALIDATION_SHARE, 0).build();
        Parameters start = grow(base.parameters(), config.architecture(alphabet.size()), random);
        TrainingResult result = new SgdTrainer(config).trainFrom(start, split, listener);
        return result.model();
    }

    /** The base weights with a small random column and the mean old bias for each new output unit. */
    static Parameters grow(Parameters base, Architecture grown, SplittableRandom random) {
        Architecture old = base.architecture();
        int layers = old.layerCount();
        float[][] w = new float[layers][];
        float[][] b = new float[layers][];
        for (int l = 0; l < layers - 1; l++) {
            w[l] = base.weights(l).clone();
            b[l] = base.biases(l).clone();
        }
        int last = layers - 1;
        int fanIn = old.fanIn(last);
        int oldUnits = old.outputSize();
        int units = grown.outputSize();
        float[] oldW = base.weights(last);
        float[] oldB = base.biases(last);
        double meanBias = 0;
        for (float v : oldB) meanBias += v / oldUnits;
        w[last] = new float[fanIn * units];
        b[last] = Arrays.copyOf(oldB, units);
        for (int i = 0; i < fanIn; i++) {
            System.arraycopy(oldW, i * oldUnits, w[last], i * units, oldUnits);
            for (int j = oldUnits; j < units; j++) w[last][i * units + j] = (float) (0.01 * Draws.standardNormal(random));
        }
        for (int j = oldUnits; j < units; j++) b[last][j] = (float) meanBias;
        return Parameters.of(grown, w, b);
    }

    private static List<List<Integer>> byClass(LabeledGlyphs data) {
        List<List<Integer>> classes = new ArrayList<>();
        for (int c = 0; c < data.alphabet().size(); c++) classes.add(new ArrayList<>());
        for (int i = 0; i < data.size(); i++) classes.get(data.target(i)).add(i);
        return classes;
    }

    private static void shuffle(List<Integer> list, SplittableRandom random) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Integer t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }

    /** Samples gathered from several datasets under one alphabet. */
    private static final class Samples {
        final List<Glyph> glyphs = new ArrayList<>();
        final List<InkImage> inks = new ArrayList<>();
        final List<Integer> targets = new ArrayList<>();
        final List<String> sources = new ArrayList<>();

        void add(LabeledGlyphs from, int i, Alphabet alphabet) {
            glyphs.add(from.glyph(i));
            inks.add(from.ink(i));
            targets.add(alphabet.labels().indexOf(from.alphabet().label(from.target(i))));
            sources.add(from.source(i));
        }

        LabeledGlyphs build(Alphabet alphabet, LabeledGlyphs like, String part) {
            return LabeledGlyphs.of(alphabet, glyphs, targets.stream().mapToInt(Integer::intValue).toArray(), sources,
                    like.preprocessing(), like.name() + " (fine-tuning " + part + ")", "").withInk(inks);
        }
    }
}
