package org.glyphocr.train;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LearningRateScheduleTest {
    @Test
    void constantIsOne() {
        assertEquals(1, LearningRateSchedule.CONSTANT.multiplier(7, 0.3, 10), 0);
    }

    @Test
    void stepMultipliesEveryStepEveryEpochs() {
        LearningRateSchedule s = new LearningRateSchedule(LearningRateSchedule.Kind.STEP, 0, 5, 0.1, 0);
        assertEquals(1, s.multiplier(5, 0.9, 20), 1e-12);
        assertEquals(0.1, s.multiplier(6, 0, 20), 1e-12);
        assertEquals(0.01, s.multiplier(11, 0, 20), 1e-12);
    }

    @Test
    void cosineGoesFromOneToTheFloorAfterWarmup() {
        LearningRateSchedule s = new LearningRateSchedule(LearningRateSchedule.Kind.COSINE, 2, 10, 0.5, 0.01);
        assertEquals(0.1, s.multiplier(1, 0, 22), 1e-12);
        assertEquals(0.55, s.multiplier(2, 0, 22), 1e-12);
        assertEquals(1, s.multiplier(3, 0, 22), 1e-12);
        assertEquals(0.505, s.multiplier(13, 0, 22), 1e-12);
        assertEquals(0.01, s.multiplier(22, 1 - 1e-12, 22), 1e-9);
    }

    @Test
    void batchScalingFollowsTheRule() {
        assertEquals(1, BatchScaling.NONE.factor(256), 0);
        assertEquals(8, BatchScaling.LINEAR.factor(256), 1e-12);
        assertEquals(Math.sqrt(8), BatchScaling.SQRT.factor(256), 1e-12);
        assertEquals(1, BatchScaling.SQRT.factor(BatchScaling.REFERENCE_BATCH), 0);
    }

    @Test
    void badScheduleSettingsNameTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LearningRateSchedule(LearningRateSchedule.Kind.STEP, 0, 0, 0.5, 0));
        assertEquals("stepEvery must be >= 1, was 0", e.getMessage());
    }
}
