package org.glyphocr.train;

import org.glyphocr.augment.AugmentSettings;
import org.glyphocr.backend.cpu.CpuBackend;
import org.glyphocr.data.TestDigits;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HyperparameterSearchTest {
    @Test
    void ladderGoesOneThreeTenThirty() {
        assertEquals(1, HyperparameterSearch.ladder(0), 0);
        assertEquals(3, HyperparameterSearch.ladder(1), 0);
        assertEquals(10, HyperparameterSearch.ladder(2), 0);
        assertEquals(30, HyperparameterSearch.ladder(3), 0);
        assertEquals(1 / 3.0, HyperparameterSearch.ladder(-1), 1e-15);
        assertEquals(0.1, HyperparameterSearch.ladder(-2), 1e-15);
    }

    @Test
    void aTooSmallLearningRateIsRaisedByFactorsOfThreeAndTheTestSplitIsUsedOnce() {
        TrainerConfig start = TrainerConfig.builder().hiddenLayers(32).learningRate(0.003).maxEpochs(4).patience(0)
                .augment(AugmentSettings.NONE).build();
        List<HyperparameterSearch.Trial> seen = new ArrayList<>();
        HyperparameterSearch.Result r = new HyperparameterSearch(start, new CpuBackend(), List.of(HyperparameterSearch.Parameter.LEARNING_RATE))
                .run(TestDigits.firstOfEachClass(50), seen::add, TrainingListener.NONE);
        assertEquals(seen, r.trials());
        assertEquals("start", r.trials().get(0).parameter());
        assertEquals("0.003", r.trials().get(0).settings().get("learningRate"));
        assertEquals("0.009", r.trials().get(1).settings().get("learningRate"));
        assertEquals("0.001", r.trials().get(2).settings().get("learningRate"));
        assertTrue(r.config().learningRate() > 0.003, "chosen " + r.config().learningRate());
        // Every trial trained without a test split; only the chosen model was tested.
        assertTrue(r.trials().stream().allMatch(t -> t.validationAccuracy() > 0));
        assertEquals(r.testAccuracy(), r.model().provenance().testAccuracy());
        assertTrue(r.testAccuracy() > 0.5, "test " + r.testAccuracy());
        assertTrue(r.model().provenance().testSamples() > 0);
    }
}
