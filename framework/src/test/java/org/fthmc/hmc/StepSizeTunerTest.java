package org.fthmc.hmc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StepSizeTunerTest {
    /** A step-like acceptance curve, far from the ε^p model: 0.85 from 20 steps up, 0.5 below. */
    private static double acceptance(int steps) {
        return steps >= 20 ? 0.85 : 0.5;
    }

    @Test
    void settlesOnTheFewestStepsThatReachTheTarget() {
        StepSizeTuner tuner = new StepSizeTuner(0.8, 2, 40, StepSizeTuner.NO_LOW, StepSizeTuner.NO_HIGH);
        for (int window = 0; window < 30; window++) {
            tuner.update(acceptance(tuner.steps()));
        }
        assertEquals(20, tuner.steps());
        assertEquals(19, tuner.low());
        assertEquals(20, tuner.high());
    }

    @Test
    void modelStepIsDampedAndClamped() {
        // acceptance 0 at 4 steps: the model factor is huge, the damped step is at most 3/2
        assertEquals(6, new StepSizeTuner(0.8, 2, 4, StepSizeTuner.NO_LOW, StepSizeTuner.NO_HIGH).update(0.0));
        // acceptance 1 at 30 steps: at most a factor 2/3 down
        assertEquals(20, new StepSizeTuner(0.8, 2, 30, StepSizeTuner.NO_LOW, StepSizeTuner.NO_HIGH).update(1.0));
        // never below one step
        assertEquals(1, new StepSizeTuner(0.8, 4, 1, StepSizeTuner.NO_LOW, StepSizeTuner.NO_HIGH).update(1.0));
    }
}
