package org.fthmc.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
