package org.fthmc.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AdamTest {
    @Test
    void theFirstStepMovesEachParameterByTheRateAgainstItsGradientSign() {
        double[] p = {1, -2, 3};
        Adam adam = Adam.standard(List.of(p), LearningRate.constant(0.1));
        adam.update(List.of(p), List.of(new double[] {5, -0.01, 0}));
        // bias-corrected m/sqrt(v) = g/|g| on the first step
        assertEquals(0.9, p[0], 1e-9);
        assertEquals(-1.9, p[1], 1e-6);
        assertEquals(3, p[2], 0);
    }

    @Test
    void minimisesAnIllConditionedQuadratic() {
        double[] x = {3, -4};
        Adam adam = Adam.standard(List.of(x), LearningRate.warmupHoldDecay(0.1, 10, 300, 300, 0.001));
        for (int i = 0; i < 700; i++) {
            adam.update(List.of(x), List.of(new double[] {2 * x[0], 200 * x[1]}));
        }
        assertTrue(Math.abs(x[0]) < 1e-2 && Math.abs(x[1]) < 1e-2, x[0] + ", " + x[1]);
        assertEquals(700, adam.steps());
    }

    @Test
    void clippingBoundsTheGradientNormAndDecayShrinksWeights() {
        double[] a = {0};
        double[] b = {0};
        Adam clipped = new Adam(List.of(a), LearningRate.constant(1), 0, 0, 1e-12, 0, 1e-3);
        Adam free = new Adam(List.of(b), LearningRate.constant(1), 0, 0, 1e-12, 0, 0);
        // with beta1 = beta2 = 0, Adam's step is g / |g|: clipping rescales both, so the step is still the sign
        clipped.update(List.of(a), List.of(new double[] {50}));
        free.update(List.of(b), List.of(new double[] {50}));
        assertEquals(b[0], a[0], 1e-9);
        double[] w = {2};
        new Adam(List.of(w), LearningRate.constant(0.1), 0.9, 0.999, 1e-8, 0.5, 0).update(List.of(w), List.of(new double[] {0}));
        assertEquals(2 - 0.1 * 0.5 * 2, w[0], 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new Adam(List.of(w), LearningRate.constant(1), 1, 0.9, 1e-8, 0, 0));
    }

    @Test
    void warmupHoldDecaySchedule() {
        LearningRate r = LearningRate.warmupHoldDecay(1e-3, 4, 2, 4, 1e-4);
        assertEquals(0.25e-3, r.rate(0), 1e-18);
        assertEquals(1e-3, r.rate(3), 1e-18);
        assertEquals(1e-3, r.rate(5), 1e-18);
        assertEquals(1e-3 - 0.9e-3 / 4, r.rate(6), 1e-15);
        assertEquals(1e-4, r.rate(9), 1e-15);
        assertEquals(1e-4, r.rate(1000), 1e-18);
    }
}
