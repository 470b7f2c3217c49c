package org.glyphocr.train;

import org.glyphocr.backend.Backend;
import org.glyphocr.backend.BatchResult;
import org.glyphocr.backend.SessionState;
import org.glyphocr.backend.StepSettings;
import org.glyphocr.backend.TrainingSession;
import org.glyphocr.nn.Architecture;
import org.glyphocr.nn.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Data-parallel training on several towers (one backend session each, one thread each), presented
 * as one {@link TrainingSession}. See {@link TowerMode} for the two ways of combining them.
 * Results are deterministic: shares are fixed slices of the batch and gradients are combined in
 * tower order, whatever the threads' timing.
 */
public final class TowerSession implements TrainingSession {
    private final Architecture arch;
    private final TrainingSession[] towers;
    private final TowerMode mode;
    private final int averageEvery;
    private final ExecutorService pool;
    private final float[][] shareInputs;
    private final int[][] shareTargets;
    private final float[][][] gradWeights;
    private final float[][][] gradBiases;
    private final BatchResult[] results;
    private final float[][] sumWeights;
    private final float[][] sumBiases;
    private long steps;

    /**
     * Towers whose gradients are averaged every step: the same update as one session, computed by
     * {@code towerCount} threads. For benchmarks and callers that drive a session themselves;
     * {@link SgdTrainer} builds its own from {@link TrainerConfig}.
     *
     * @param maxBatchSize the largest batch passed to {@link #step}; each tower gets a share
     */
    public static TrainingSession gradientAveraging(Backend backend, Parameters initial, int maxBatchSize, int towerCount) {
        return new TowerSession(backend, initial, maxBatchSize, towerCount, TowerMode.GRADIENT_AVERAGE, 1);
    }

    /**
     * @param maxBatchSize the largest batch passed to {@link #step}; each tower gets a share
     * @param averageEvery for {@link TowerMode#WEIGHT_AVERAGE}: steps between weight averaging
     */
    TowerSession(Backend backend, Parameters initial, int maxBatchSize, int towerCount, TowerMode mode, int averageEvery) {
        if (towerCount < 1) throw new IllegalArgumentException("towers must be >= 1, was " + towerCount);
        this.arch = initial.architecture();
        this.mode = mode;
        this.averageEvery = averageEvery;
        int share = (maxBatchSize + towerCount - 1) / towerCount;
        towers = new TrainingSession[towerCount];
        shareInputs = new float[towerCount][share * arch.inputSize()];
        shareTargets = new int[towerCount][share];
        gradWeights = new float[towerCount][][];
        gradBiases = new float[towerCount][][];
        results = new BatchResult[towerCount];
        for (int t = 0; t < towerCount; t++) {
            towers[t] = backend.trainingSession(initial, share);
            gradWeights[t] = layerArrays(true);
            gradBiases[t] = layerArrays(false);
        }
        sumWeights = layerArrays(true);
        sumBiases = layerArrays(false);
        pool = towerCount == 1 ? null : Executors.newFixedThreadPool(towerCount - 1, r -> {
            Thread thread = new Thread(r, "glyph-ocr-tower");
            thread.setDaemon(true);
            return thread;
        });
    }

    private float[][] layerArrays(boolean weights) {
        float[][] a = new float[arch.layerCount()][];
        for (int l = 0; l < a.length; l++) {
            int units = arch.layers().get(l).units();
            a[l] = new float[weights ? arch.fanIn(l) * units : units];
        }
        return a;
    }

    /** Rows {@code [start, end)} of a batch of {@code count} that tower {@code t} takes. */
    private int shareStart(int t, int count) {
        return (int) ((long) t * count / towers.length);
    }

    /** Runs {@code work} for every tower with a non-empty share, tower 0 on the calling thread. */
    private void onEveryTower(int count, TowerWork work) {
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 1; t < towers.length; t++) {
            int tower = t;
            int n = shareStart(t + 1, count) - shareStart(t, count);
            if (n > 0) futures.add(pool.submit(() -> work.run(tower, n)));
        }
        int n0 = shareStart(1, count);
        if (n0 > 0) work.run(0, n0);
        try {
            for (Future<?> f : futures) f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while towers were computing", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new IllegalStateException(e.getCause());
        }
    }

    private interface TowerWork {
        void run(int tower, int count);
    }

    private void copyShares(float[] inputs, int[] targets, int count) {
        int in = arch.inputSize();
        for (int t = 0; t < towers.length; t++) {
            int start = shareStart(t, count);
            int n = shareStart(t + 1, count) - start;
            System.arraycopy(inputs, start * in, shareInputs[t], 0, n * in);
            System.arraycopy(targets, start, shareTargets[t], 0, n);
        }
    }

    @Override
    public BatchResult step(float[] inputs, int[] targets, int count, StepSettings settings) {
        if (towers.length == 1) return towers[0].step(inputs, targets, count, settings);
        copyShares(inputs, targets, count);
        java.util.Arrays.fill(results, null);
        if (mode == TowerMode.WEIGHT_AVERAGE) {
            onEveryTower(count, (t, n) -> results[t] = towers[t].step(shareInputs[t], shareTargets[t], n, settings));
            if (++steps % averageEvery == 0) averageParameters();
            return combinedResult(count, Double.NaN);
        }
        onEveryTower(count, (t, n) -> results[t] = towers[t].gradients(shareInputs[t], shareTargets[t], n, settings.l2(),
                gradWeights[t], gradBiases[t]));
        double norm = averageGradients(count);
        towers[0].applyGradients(sumWeights, sumBiases, settings);
        towers[0].copyParametersTo(sumWeights, sumBiases);
        for (int t = 1; t < towers.length; t++) towers[t].loadParameters(sumWeights, sumBiases);
        steps++;
        return combinedResult(count, norm);
    }

    /** {@code g = Σ_t (n_t / n) g_t} into the sum buffers, in tower order; returns {@code |g|}. */
    private double averageGradients(int count) {
        double squares = 0;
        for (int l = 0; l < arch.layerCount(); l++) {
            squares += weightedSum(gradWeights, l, sumWeights[l], count);
            squares += weightedSum(gradBiases, l, sumBiases[l], count);
        }
        return Math.sqrt(squares);
    }

    private double weightedSum(float[][][] perTower, int layer, float[] out, int count) {
        java.util.Arrays.fill(out, 0f);
        for (int t = 0; t < towers.length; t++) {
            int n = shareStart(t + 1, count) - shareStart(t, count);
            if (n == 0) continue;
            float w = (float) n / count;
            float[] g = perTower[t][layer];
            for (int k = 0; k < out.length; k++) out[k] += w * g[k];
        }
        double squares = 0;
        for (float v : out) squares += (double) v * v;
        return squares;
    }

    private BatchResult combinedResult(int count, double gradientNorm) {
        double loss = 0;
        int correct = 0;
        double normSquares = 0;
        for (BatchResult r : results) {
            if (r == null) continue;
            loss += r.meanLoss() * r.count();
            correct += r.correct();
            normSquares += r.gradientNorm() * r.gradientNorm() * r.count() / count;
        }
        double norm = Double.isNaN(gradientNorm) ? Math.sqrt(normSquares) : gradientNorm;
        return new BatchResult(loss / count, correct, count, norm);
    }

    /** Replaces every tower's weights by the towers' average (velocities stay per tower). */
    private void averageParameters() {
        averageAcross(true);
    }

    /** Averages weights, and with {@code velocities} also momentum, across towers, in tower order. */
    private void averageAcross(boolean weightsOnly) {
        for (int t = 0; t < towers.length; t++) towers[t].copyParametersTo(gradWeights[t], gradBiases[t]);
        for (int l = 0; l < arch.layerCount(); l++) {
            mean(gradWeights, l, sumWeights[l]);
            mean(gradBiases, l, sumBiases[l]);
        }
        if (weightsOnly) {
            for (TrainingSession tower : towers) tower.loadParameters(sumWeights, sumBiases);
            return;
        }
        SessionState[] states = new SessionState[towers.length];
        for (int t = 0; t < towers.length; t++) states[t] = towers[t].exportState();
        float[][] vw = layerArrays(true);
        float[][] vb = layerArrays(false);
        for (int l = 0; l < arch.layerCount(); l++) {
            for (SessionState s : states) {
                for (int k = 0; k < vw[l].length; k++) vw[l][k] += s.velocityWeights()[l][k] / towers.length;
                for (int k = 0; k < vb[l].length; k++) vb[l][k] += s.velocityBiases()[l][k] / towers.length;
            }
        }
        SessionState merged = new SessionState(Parameters.of(arch, sumWeights, sumBiases), vw, vb);
        for (TrainingSession tower : towers) tower.importState(merged);
    }

    private void mean(float[][][] perTower, int layer, float[] out) {
        java.util.Arrays.fill(out, 0f);
        for (float[][] tower : perTower) {
            float[] v = tower[layer];
            for (int k = 0; k < out.length; k++) out[k] += v[k];
        }
        float inv = 1f / towers.length;
        for (int k = 0; k < out.length; k++) out[k] *= inv;
    }

    /**
     * Brings the towers to one state. With weight averaging this averages weights and velocities;
     * the trainer calls it at every epoch's end, so a run resumed from a checkpoint takes exactly
     * the path of an uninterrupted one.
     */
    void synchronize() {
        if (towers.length > 1 && mode == TowerMode.WEIGHT_AVERAGE) averageAcross(false);
    }

    @Override
    public BatchResult gradients(float[] inputs, int[] targets, int count, double l2, float[][] gw, float[][] gb) {
        if (towers.length == 1) return towers[0].gradients(inputs, targets, count, l2, gw, gb);
        copyShares(inputs, targets, count);
        java.util.Arrays.fill(results, null);
        onEveryTower(count, (t, n) -> results[t] = towers[t].gradients(shareInputs[t], shareTargets[t], n, l2,
                gradWeights[t], gradBiases[t]));
        double norm = averageGradients(count);
        for (int l = 0; l < arch.layerCount(); l++) {
            System.arraycopy(sumWeights[l], 0, gw[l], 0, sumWeights[l].length);
            System.arraycopy(sumBiases[l], 0, gb[l], 0, sumBiases[l].length);
        }
        return combinedResult(count, norm);
    }

    @Override
    public void applyGradients(float[][] gw, float[][] gb, StepSettings settings) {
        towers[0].applyGradients(gw, gb, settings);
        towers[0].copyParametersTo(sumWeights, sumBiases);
        for (int t = 1; t < towers.length; t++) towers[t].loadParameters(sumWeights, sumBiases);
    }

    @Override
    public void predict(float[] inputs, int count, float[] outputs) {
        towers[0].predict(inputs, count, outputs);
    }

    @Override
    public Parameters parameters() {
        return towers[0].parameters();
    }

    @Override
    public void setParameters(Parameters parameters) {
        for (TrainingSession tower : towers) tower.setParameters(parameters);
    }

    @Override
    public void resetVelocity() {
        for (TrainingSession tower : towers) tower.resetVelocity();
    }

    @Override
    public void copyParametersTo(float[][] w, float[][] b) {
        towers[0].copyParametersTo(w, b);
    }

    @Override
    public void loadParameters(float[][] w, float[][] b) {
        for (TrainingSession tower : towers) tower.loadParameters(w, b);
    }

    @Override
    public SessionState exportState() {
        return towers[0].exportState();
    }

    @Override
    public void importState(SessionState state) {
        for (TrainingSession tower : towers) tower.importState(state);
    }

    @Override
    public void close() {
        if (pool != null) pool.shutdownNow();
        for (TrainingSession tower : towers) tower.close();
    }
}
