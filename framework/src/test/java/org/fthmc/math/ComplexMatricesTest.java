package org.fthmc.math;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ComplexMatricesTest {
    @Test
    void theUnrolled3x3ProductIsBitIdenticalToTheGeneralLoopsAndToDaggeringFirst() {
        Random random = new Random(2);
        for (int trial = 0; trial < 100; trial++) {
            double[] a = gaussians(random, 18 + 5, false);
            double[] b = gaussians(random, 18 + 7, trial % 10 == 0); // zeros too: the sign of a zero must match
            double[] start = gaussians(random, 18 + 3, false);
            for (int flags = 0; flags < 8; flags++) {
                boolean daggerA = (flags & 1) != 0;
                boolean daggerB = (flags & 2) != 0;
                boolean accumulate = (flags & 4) != 0;
                double[] general = start.clone();
                double[] unrolled = start.clone();
                double[] daggeredFirst = start.clone();
                ComplexMatrices.loops(3, a, 5, daggerA, b, 7, daggerB, general, 3, accumulate);
                ComplexMatrices.multiply3(a, 5, daggerA, b, 7, daggerB, unrolled, 3, accumulate);
                double[] opA = daggerA ? dagger(a, 5) : a;
                double[] opB = daggerB ? dagger(b, 7) : b;
                ComplexMatrices.multiply3(opA, daggerA ? 0 : 5, false, opB, daggerB ? 0 : 7, false, daggeredFirst, 3, accumulate);
                for (int i = 0; i < general.length; i++) {
                    String where = "element " + i + ", dagger a " + daggerA + ", dagger b " + daggerB + ", accumulate " + accumulate;
                    assertEquals(Double.doubleToRawLongBits(general[i]), Double.doubleToRawLongBits(unrolled[i]), where);
                    assertEquals(Double.doubleToRawLongBits(general[i]), Double.doubleToRawLongBits(daggeredFirst[i]), where);
                }
            }
        }
    }

    private static double[] gaussians(Random random, int length, boolean zeros) {
        double[] v = new double[length];
        for (int i = 0; i < length; i++) {
            v[i] = zeros ? 0 : random.nextGaussian();
        }
        return v;
    }

    /** The conjugate transpose of the 3×3 matrix at offset o, at offset 0. */
    private static double[] dagger(double[] m, int o) {
        double[] d = new double[18];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                d[2 * (i * 3 + j)] = m[o + 2 * (j * 3 + i)];
                d[2 * (i * 3 + j) + 1] = -m[o + 2 * (j * 3 + i) + 1];
            }
        }
        return d;
    }
}
