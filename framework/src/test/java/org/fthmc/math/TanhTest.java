package org.fthmc.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TanhTest {
    private static final MathContext PRECISE = new MathContext(40);

    /** tanh x = (e^{2x} − 1)/(e^{2x} + 1) in 40 digits, e^y by its series on y/2^k, squared k times. */
    private static BigDecimal exact(double x) {
        BigDecimal y = new BigDecimal(2 * x);
        int k = 0;
        while (y.abs().compareTo(BigDecimal.valueOf(0.01)) > 0) {
            y = y.divide(BigDecimal.TWO, PRECISE);
            k++;
        }
        BigDecimal sum = BigDecimal.ONE;
        BigDecimal term = BigDecimal.ONE;
        for (int n = 1; n < 40; n++) {
            term = term.multiply(y, PRECISE).divide(BigDecimal.valueOf(n), PRECISE);
            sum = sum.add(term, PRECISE);
        }
        for (int i = 0; i < k; i++) {
            sum = sum.multiply(sum, PRECISE);
        }
        // e^{2x} − 1 for small x from the series directly, so the reference has no cancellation either
        BigDecimal minusOne = k == 0 ? sum.subtract(BigDecimal.ONE, PRECISE) : sum.subtract(BigDecimal.ONE, new MathContext(80));
        return minusOne.divide(sum.add(BigDecimal.ONE, PRECISE), PRECISE);
    }

    private static double ulps(double x) {
        double t = Tanh.tanh(x);
        return new BigDecimal(t).subtract(exact(x)).abs().doubleValue() / Math.ulp(t);
    }

    @Test
    void isWithinOneAndAHalfUlpsOfTheExactValue() {
        SplittableRandom r = new SplittableRandom(11);
        double worst = 0;
        for (int i = 0; i < 20_000; i++) {
            double x = switch (i % 4) {
                case 0 -> (r.nextDouble() - 0.5) * 1.3;            // the rational branch
                case 1 -> 0.6 + 0.05 * r.nextDouble();           // around the switch at 0.625
                case 2 -> (r.nextDouble() - 0.5) * 44;            // up to saturation
                default -> Math.scalb(r.nextDouble(), -r.nextInt(60)); // small arguments
            };
            worst = Math.max(worst, ulps(x));
        }
        assertTrue(worst <= 1.5, "worst error " + worst + " ulps");
    }

    @Test
    void isOddMonotoneAndExactAtTheEnds() {
        SplittableRandom r = new SplittableRandom(12);
        for (int i = 0; i < 100_000; i++) {
            double x = (r.nextDouble() - 0.5) * 50;
            assertEquals(-Tanh.tanh(x), Tanh.tanh(-x), "odd at " + x);
        }
        double previous = -1;
        for (double x = -23; x < 23; x += 1e-4) {
            double t = Tanh.tanh(x);
            assertTrue(t >= previous, "decreases at " + x);
            previous = t;
        }
        double below = Math.nextDown(0.625);
        assertTrue(Tanh.tanh(below) <= Tanh.tanh(0.625), "monotone across the switch");
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(Tanh.tanh(-0.0)));
        assertEquals(0.0, Tanh.tanh(0.0));
        assertEquals(1.0, Tanh.tanh(Double.POSITIVE_INFINITY));
        assertEquals(-1.0, Tanh.tanh(-1e300));
        assertEquals(1.0, Tanh.tanh(22.5));
        assertTrue(Double.isNaN(Tanh.tanh(Double.NaN)));
        assertEquals(Double.MIN_VALUE, Tanh.tanh(Double.MIN_VALUE));
    }
}
