package org.fthmc.hmc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.fthmc.spi.MolecularDynamics;
import org.junit.jupiter.api.Test;

class SplittingIntegratorTest {
    /** An anharmonic oscillator H = p²/2 + q⁴/4 + q²/2 (non-linear, so error constants do not vanish). */
    static final class Oscillator implements MolecularDynamics {
        double q = 0.7;
        double p = -0.4;
        int kicks;

        @Override
        public void kick(double eps) {
            p -= eps * (q * q * q + q);
            kicks++;
        }

        @Override
        public void drift(double eps) {
            q += eps * p;
        }

        double energy() {
            return p * p / 2 + q * q * q * q / 4 + q * q / 2;
        }
    }

    private static final SplittingIntegrator LEAPFROG = new SplittingIntegrator(SplittingIntegrator.First.POSITION, 2, 0.5, 1, 0.5);

    @Test
    void mergesAdjacentFlowsSoForceCountsAreMinimal() {
        assertEquals(10, LEAPFROG.forceEvaluations(10));
        assertEquals(11, new SplittingIntegrator(SplittingIntegrator.First.MOMENTUM, 2, 0.5, 1, 0.5).forceEvaluations(10));
        Oscillator o = new Oscillator();
        LEAPFROG.integrate(o, 1, 10);
        assertEquals(10, o.kicks);
    }

    @Test
    void energyErrorScalesWithTheOrder() {
        double e0 = new Oscillator().energy();
        double[] errors = new double[2];
        for (int i = 0; i < 2; i++) {
            Oscillator o = new Oscillator();
            LEAPFROG.integrate(o, 1, 40 << i);
            errors[i] = Math.abs(o.energy() - e0);
        }
        assertEquals(4, errors[0] / errors[1], 0.2);
    }

    @Test
    void backwardIntegrationReturnsToTheStart() {
        Oscillator o = new Oscillator();
        LEAPFROG.integrate(o, 2.5, 17);
        o.p = -o.p;
        LEAPFROG.integrate(o, 2.5, 17);
        assertEquals(0.7, o.q, 1e-14);
        assertEquals(0.4, o.p, 1e-14);
    }

    @Test
    void rejectsInconsistentSchemes() {
        assertThrows(IllegalArgumentException.class, () -> new SplittingIntegrator(SplittingIntegrator.First.POSITION, 2, 0.5, 1));
        assertThrows(IllegalArgumentException.class, () -> new SplittingIntegrator(SplittingIntegrator.First.POSITION, 2, 0.4, 1, 0.6));
        assertThrows(IllegalArgumentException.class, () -> new SplittingIntegrator(SplittingIntegrator.First.POSITION, 2, 0.4, 1, 0.4));
    }
}
