package org.fthmc.rng;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PhiloxTest {
    /** Known-answer vectors of Philox4x32-10 from the Random123 distribution (kat_vectors). */
    @Test
    void matchesRandom123KnownAnswers() {
        int[] out = new int[4];
        Philox.block(0, 0, 0, 0, 0, 0, out);
        assertArrayEquals(new int[] {0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8}, out);
        Philox.block(-1, -1, -1, -1, -1, -1, out);
        assertArrayEquals(new int[] {0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd}, out);
        Philox.block(0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344, 0xa4093822, 0x299f31d0, out);
        assertArrayEquals(new int[] {0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1}, out);
    }

    @Test
    void uniformsLieInTheOpenIntervalAndHaveTheRightMoments() {
        RandomKey key = new RandomKey(42, 3, 7, Purpose.TEST);
        int n = 200_000;
        double sum = 0;
        double sumSq = 0;
        double[] u = new double[2];
        for (int i = 0; i < n / 2; i++) {
            key.uniformPair(i, 0, u);
            for (double x : u) {
                assertTrue(x > 0 && x < 1);
                sum += x;
                sumSq += x * x;
            }
        }
        double mean = sum / n;
        double var = sumSq / n - mean * mean;
        // standard errors: sqrt(1/12/n) = 6.5e-4 for the mean, ~2e-4 for the variance
        assertEquals(0.5, mean, 4 * Math.sqrt(1.0 / 12 / n));
        assertEquals(1.0 / 12, var, 4 * Math.sqrt(1.0 / 180 / n));
    }

    @Test
    void gaussiansHaveUnitVarianceAndNoPairCorrelation() {
        RandomKey key = new RandomKey(1, 0, 0, Purpose.TEST);
        int pairs = 100_000;
        double[] g = new double[2];
        double s = 0;
        double s2 = 0;
        double s4 = 0;
        double cross = 0;
        for (int i = 0; i < pairs; i++) {
            key.gaussianPair(i, 0, g, 0);
            s += g[0] + g[1];
            s2 += g[0] * g[0] + g[1] * g[1];
            s4 += Math.pow(g[0], 4) + Math.pow(g[1], 4);
            cross += g[0] * g[1];
        }
        int n = 2 * pairs;
        assertEquals(0, s / n, 4 / Math.sqrt(n));
        assertEquals(1, s2 / n, 4 * Math.sqrt(2.0 / n));
        assertEquals(3, s4 / n, 4 * Math.sqrt(96.0 / n));
        assertEquals(0, cross / pairs, 4 / Math.sqrt(pairs));
    }

    @Test
    void everyCoordinateOfTheKeyChangesTheDraw() {
        double base = new RandomKey(1, 2, 3, Purpose.MOMENTUM).uniform(4, 5);
        assertEquals(base, new RandomKey(1, 2, 3, Purpose.MOMENTUM).uniform(4, 5));
        assertNotEquals(base, new RandomKey(2, 2, 3, Purpose.MOMENTUM).uniform(4, 5));
        assertNotEquals(base, new RandomKey(1, 3, 3, Purpose.MOMENTUM).uniform(4, 5));
        assertNotEquals(base, new RandomKey(1, 2, 4, Purpose.MOMENTUM).uniform(4, 5));
        assertNotEquals(base, new RandomKey(1, 2, 3, Purpose.METROPOLIS).uniform(4, 5));
        assertNotEquals(base, new RandomKey(1, 2, 3, Purpose.MOMENTUM).uniform(5, 5));
        assertNotEquals(base, new RandomKey(1, 2, 3, Purpose.MOMENTUM).uniform(4, 6));
        assertNotEquals(base, new RandomKey(1L << 40, 2, 3, Purpose.MOMENTUM).uniform(4, 5));
    }
}
