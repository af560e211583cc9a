package org.fthmc.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TrigTest {
    @Test
    void agreesWithMathToAboutOneUlp() {
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 1_000_000; i++) {
            double x = (r.nextDouble() - 0.5) * (i % 2 == 0 ? 30 : 2e4);
            assertTrue(Math.abs(Trig.sin(x) - Math.sin(x)) <= 2 * Math.ulp(1.0), "sin " + x);
            assertTrue(Math.abs(Trig.cos(x) - Math.cos(x)) <= 2 * Math.ulp(1.0), "cos " + x);
        }
    }

    @Test
    void handlesSpecialAndHugeArguments() {
        assertEquals(0.0, Trig.sin(0.0));
        assertEquals(1.0, Trig.cos(0.0));
        assertTrue(Double.isNaN(Trig.sin(Double.NaN)));
        assertTrue(Double.isNaN(Trig.cos(Double.POSITIVE_INFINITY)));
        assertEquals(Math.sin(1e22), Trig.sin(1e22));
        assertEquals(Math.cos(-3e9), Trig.cos(-3e9));
    }

    private static final MathContext PRECISE = new MathContext(40);

    /** atan x in 40 digits: halve the angle (atan x = 2 atan(x / (1 + √(1 + x²)))) below 0.05, then the series. */
    private static BigDecimal exactAtan(double x) {
        BigDecimal y = new BigDecimal(x);
        int doublings = 0;
        while (y.abs().compareTo(BigDecimal.valueOf(0.05)) > 0) {
            y = y.divide(BigDecimal.ONE.add(BigDecimal.ONE.add(y.multiply(y, PRECISE)).sqrt(PRECISE)), PRECISE);
            doublings++;
        }
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal power = y;
        BigDecimal y2 = y.multiply(y, PRECISE);
        for (int n = 0; n < 30; n++) {
            BigDecimal term = power.divide(BigDecimal.valueOf(2 * n + 1), PRECISE);
            sum = n % 2 == 0 ? sum.add(term, PRECISE) : sum.subtract(term, PRECISE);
            power = power.multiply(y2, PRECISE);
        }
        return sum.multiply(BigDecimal.TWO.pow(doublings), PRECISE);
    }

    @Test
    void atanIsWithinOneAndAHalfUlpsOfTheExactValue() {
        SplittableRandom r = new SplittableRandom(13);
        double worst = 0;
        for (int i = 0; i < 20_000; i++) {
            double x = switch (i % 4) {
                case 0 -> (r.nextDouble() - 0.5) * 1.4;                 // the direct branch and the switch at 0.66
                case 1 -> 0.6 + 2 * r.nextDouble();                      // through π/4, and the switch at tan(3π/8)
                case 2 -> (r.nextDouble() - 0.5) * 2e3;                  // through π/2
                default -> Math.scalb(r.nextDouble(), r.nextInt(-60, 60)); // small and large magnitudes
            };
            double a = Trig.atan(x);
            worst = Math.max(worst, new BigDecimal(a).subtract(exactAtan(x)).abs().doubleValue() / Math.ulp(a));
        }
        assertTrue(worst <= 1.5, "worst error " + worst + " ulps");
    }

    @Test
    void atanIsOddMonotoneAndExactAtTheEnds() {
        SplittableRandom r = new SplittableRandom(14);
        for (int i = 0; i < 100_000; i++) {
            double x = (r.nextDouble() - 0.5) * 100;
            assertEquals(-Trig.atan(x), Trig.atan(-x), "odd at " + x);
        }
        double previous = -2;
        for (double x = -5; x < 5; x += 1e-4) {
            double a = Trig.atan(x);
            assertTrue(a >= previous, "decreases at " + x);
            previous = a;
        }
        for (double at : new double[] {0.66, 2.41421356237309504880}) {
            assertTrue(Trig.atan(at) <= Trig.atan(Math.nextUp(at)), "monotone across the switch at " + at);
        }
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(Trig.atan(-0.0)));
        assertEquals(Math.PI / 2, Trig.atan(Double.POSITIVE_INFINITY));
        assertEquals(-Math.PI / 2, Trig.atan(-1e300));
        assertEquals(Math.PI / 4, Trig.atan(1.0));
        assertTrue(Double.isNaN(Trig.atan(Double.NaN)));
        assertEquals(Double.MIN_VALUE, Trig.atan(Double.MIN_VALUE));
    }
}
