package org.glyphocr.train;

import org.glyphocr.backend.Backend;
import org.glyphocr.data.LabeledGlyphs;
import org.glyphocr.model.Model;
import org.glyphocr.model.Provenance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Tunes hyperparameters by factors of three, one at a time: from the starting value try ×3 and ÷3,
 * and keep going in whichever direction improves validation accuracy until it stops improving. The
 * steps follow the ladder 1, 3, 10, 30… (two steps of ×3 make ×10, not ×9), so values stay round.
 *
 * <p>Decisions use the validation split only. Trials train without a test split; the test split is
 * used once, at the end, on the chosen model, so its accuracy is an honest estimate.
 *
 * <pre>{@code
 * HyperparameterSearch.Result r = new HyperparameterSearch(TrainerConfig.builder().maxEpochs(15).build(), backend,
 *         List.of(Parameter.LEARNING_RATE, Parameter.L2)).run(data, TrainingListener.NONE);
 * r.trials().forEach(System.out::println);
 * }</pre>
 */
public final class HyperparameterSearch {
    /** What can be searched. */
    public enum Parameter {
        LEARNING_RATE("learning-rate"), L2("l2"), BATCH_SIZE("batch"), HIDDEN_SIZE("hidden");

        private final String id;

        Parameter(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static Parameter fromId(String id) {
            for (Parameter p : values()) if (p.id.equals(id)) return p;
            throw new IllegalArgumentException("search parameter must be learning-rate, l2, batch or hidden, was '" + id + "'");
        }
    }

    /**
     * One training run of the search.
     *
     * @param number 1-based, in the order run
     * @param parameter the parameter this trial moved ({@code start} for the first)
     * @param settings learning rate, L2, batch size and hidden sizes of the trial
     * @param validationAccuracy what decided
     * @param epochs epochs run
     * @param seconds training time
     * @param best whether this trial was the best so far when it finished
     */
    public record Trial(int number, String parameter, Map<String, String> settings, double validationAccuracy, int epochs,
                        double seconds, boolean best) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%3d  %-13s %-60s val %.4f  %3d epochs %7.1f s%s", number, parameter, settings,
                    validationAccuracy, epochs, seconds, best ? "  *" : "");
        }
    }

    /**
     * What the search found.
     *
     * @param config the best settings
     * @param model the best trial's model, with the test accuracy in its provenance
     * @param testAccuracy the best model on the test split, measured once
     * @param trials every trial, in order
     */
    public record Result(TrainerConfig config, Model model, double testAccuracy, List<Trial> trials) {
        public Result {
            trials = List.copyOf(trials);
        }
    }

    /** Called after every trial. */
    public interface Listener {
        void onTrial(Trial trial);
    }

    private final TrainerConfig start;
    private final Backend backend;
    private final List<Parameter> parameters;

    public HyperparameterSearch(TrainerConfig start, Backend backend, List<Parameter> parameters) {
        this.start = Objects.requireNonNull(start, "start");
        this.backend = Objects.requireNonNull(backend, "backend");
        this.parameters = List.copyOf(parameters);
        if (this.parameters.isEmpty()) throw new IllegalArgumentException("search needs at least one parameter");
    }

    /**
     * Runs the search on {@code data}, split as the starting configuration says.
     *
     * @param trialListener told about each trial as it finishes
     * @param trainingListener told about the epochs of every trial
     */
    public Result run(LabeledGlyphs data, Listener trialListener, TrainingListener trainingListener) {
        LabeledGlyphs.Split split = data.split(start.validationFraction(), start.testFraction(), start.seed());
        LabeledGlyphs noTest = split.test().subset(new int[0]);
        LabeledGlyphs.Split forTrials = new LabeledGlyphs.Split(split.train(), split.validation(), noTest);
        if (split.validation().size() == 0) throw new IllegalArgumentException("search decides on the validation split, which is empty");
        List<Trial> trials = new ArrayList<>();
        Candidate best = trial(start, "start", forTrials, trials, trialListener, trainingListener, Double.NEGATIVE_INFINITY);
        for (Parameter p : parameters) {
            Candidate up = trial(moved(best.config, p, 1, best.config), p.id() + " x3", forTrials, trials, trialListener,
                    trainingListener, best.score);
            Candidate down = trial(moved(best.config, p, -1, best.config), p.id() + " /3", forTrials, trials, trialListener,
                    trainingListener, Math.max(best.score, up.score));
            int direction = up.score >= down.score ? 1 : -1;
            Candidate better = direction == 1 ? up : down;
            if (better.score <= best.score) continue;
            TrainerConfig origin = best.config;
            best = better;
            for (int k = 2; ; k++) {
                Candidate next = trial(moved(origin, p, direction * k, origin), p.id() + (direction == 1 ? " up" : " down"),
                        forTrials, trials, trialListener, trainingListener, best.score);
                if (next.score <= best.score) break;
                best = next;
            }
        }
        double testAccuracy = accuracy(best.model, split.test());
        Provenance p = best.model.provenance();
        Provenance withTest = new Provenance(p.libraryVersion(), p.createdAt(), p.seed(), p.trainerSettings(), p.dataSource(),
                p.dataSha256(), p.trainSamples(), p.validationSamples(), split.test().size(), p.epochs(), p.trainSeconds(),
                p.trainAccuracy(), p.validationAccuracy(), testAccuracy, p.halvings(), p.stopReason(), p.backend());
        return new Result(best.config, best.model.withProvenance(withTest), testAccuracy, trials);
    }

    private record Candidate(TrainerConfig config, Model model, double score) {
    }

    private Candidate trial(TrainerConfig config, String label, LabeledGlyphs.Split split, List<Trial> trials,
                            Listener trialListener, TrainingListener trainingListener, double bestSoFar) {
        TrainingResult r = new SgdTrainer(config, backend).train(split, trainingListener);
        double score = r.model().provenance().validationAccuracy();
        Trial t = new Trial(trials.size() + 1, label, settingsOf(config), score, r.history().size(),
                r.model().provenance().trainSeconds(), score > bestSoFar);
        trials.add(t);
        trialListener.onTrial(t);
        return new Candidate(config, r.model(), score);
    }

    private static Map<String, String> settingsOf(TrainerConfig c) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("learningRate", trim(c.learningRate()));
        m.put("l2", trim(c.l2()));
        m.put("batch", Integer.toString(c.batchSize()));
        int[] hidden = c.hiddenLayers();
        StringBuilder h = new StringBuilder();
        for (int u : hidden) h.append(h.length() == 0 ? "" : ",").append(u);
        m.put("hidden", h.toString());
        return m;
    }

    private static String trim(double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }

    /**
     * The ladder of factors: step {@code k} from the start multiplies by 1, 3, 10, 30, 100… going
     * up and divides by the same going down, so that two steps of ×3 make ×10.
     */
    static double ladder(int k) {
        int n = Math.abs(k);
        double factor = Math.pow(10, n / 2) * (n % 2 == 1 ? 3 : 1);
        return k >= 0 ? factor : 1 / factor;
    }

    /** {@code base} with parameter {@code p} at ladder step {@code k} from {@code origin}'s value. */
    private static TrainerConfig moved(TrainerConfig base, Parameter p, int k, TrainerConfig origin) {
        double f = ladder(k);
        TrainerConfig.Builder b = base.toBuilder();
        switch (p) {
            case LEARNING_RATE -> {
                double lr = origin.learningRate() * f;
                b.learningRate(lr);
                if (base.minLearningRate() >= lr) b.minLearningRate(lr / 1000);
            }
            case L2 -> b.l2(origin.l2() == 0 ? 1e-5 * Math.max(1, f) : origin.l2() * f);
            case BATCH_SIZE -> b.batchSize((int) Math.max(1, Math.round(origin.batchSize() * f)));
            case HIDDEN_SIZE -> {
                int[] hidden = origin.hiddenLayers();
                for (int i = 0; i < hidden.length; i++) hidden[i] = (int) Math.max(1, Math.round(hidden[i] * f));
                b.hiddenLayers(hidden);
            }
        }
        return b.build();
    }

    private double accuracy(Model model, LabeledGlyphs data) {
        try (org.glyphocr.backend.Predictor p = backend.predictor(model.parameters())) {
            return p.accuracy(data.inputs(), data.targets());
        }
    }
}
