package org.fthmc.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ComplexMatricesTest {
    @Test
    void theUnrolled3x3ProductIsBitIdenticalToTheGeneralOne() {
        Random random = new Random(2);
        for (int trial = 0; trial < 100; trial++) {
            double[] a = new double[18 + 5];
            double[] b = new double[18 + 7];
            for (int i = 0; i < a.length; i++) {
                a[i] = random.nextGaussian();
            }
            for (int i = 0; i < b.length; i++) {
                b[i] = trial % 10 == 0 ? 0 : random.nextGaussian(); // zeros too: the sign of a zero must match
            }
            double[] general = new double[18 + 3];
            double[] unrolled = new double[18 + 3];
            ComplexMatrices.multiply(3, a, 5, false, b, 7, false, general, 3, false);
            ComplexMatrices.multiply3(a, 5, b, 7, unrolled, 3);
            assertArrayEquals(general, unrolled, 0);
            for (int i = 0; i < general.length; i++) {
                assertArrayEquals(new long[] {Double.doubleToRawLongBits(general[i])},
                        new long[] {Double.doubleToRawLongBits(unrolled[i])}, "bits of element " + i);
            }
        }
    }
}
