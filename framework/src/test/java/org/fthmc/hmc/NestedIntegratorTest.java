package org.fthmc.hmc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.fthmc.spi.MolecularDynamics;
import org.junit.jupiter.api.Test;

class NestedIntegratorTest {
    /** H = p²/2 + soft + stiff, soft = q⁴/4 (slow), stiff = 25 q²/2 (fast); counts kicks per term. */
    static final class TwoScales implements MolecularDynamics {
        double q = 0.7;
        double p = -0.4;
        int softKicks;
        int stiffKicks;

        @Override
        public List<String> forceTerms() {
            return List.of("soft", "stiff");
        }

        @Override
        public void kick(double eps) {
            kick("soft", eps);
            kick("stiff", eps);
        }

        @Override
        public void kick(String term, double eps) {
            switch (term) {
                case "soft" -> {
                    p -= eps * q * q * q;
                    softKicks++;
                }
                case "stiff" -> {
                    p -= eps * 25 * q;
                    stiffKicks++;
                }
                default -> throw new IllegalArgumentException(term);
            }
        }

        @Override
        public void drift(double eps) {
            q += eps * p;
        }

        double energy() {
            return p * p / 2 + q * q * q * q / 4 + 25 * q * q / 2;
        }
    }

    private static final double LAMBDA = 0.1931833275037836;
    private static final SplittingIntegrator OMELYAN = new SplittingIntegrator(SplittingIntegrator.First.POSITION, 2,
            LAMBDA, 0.5, 1 - 2 * LAMBDA, 0.5, LAMBDA);
    private static final NestedIntegrator SOFT_OUTSIDE = new NestedIntegrator(List.of(
            new NestedIntegrator.Level(OMELYAN, 1, List.of("soft")), new NestedIntegrator.Level(OMELYAN, 3, List.of())));

    @Test
    void oneLevelIsItsSchemeExactly() {
        TwoScales a = new TwoScales();
        TwoScales b = new TwoScales();
        new NestedIntegrator(List.of(new NestedIntegrator.Level(OMELYAN, 1, List.of()))).integrate(a, 1.3, 7);
        OMELYAN.integrate(b, 1.3, 7);
        assertEquals(b.q, a.q, 0);
        assertEquals(b.p, a.p, 0);
    }

    @Test
    void theInnerLevelKicksItsTermsPerDriftOfTheOuterLevel() {
        int steps = 5;
        TwoScales md = new TwoScales();
        SOFT_OUTSIDE.integrate(md, 1, steps);
        // position-first Omelyan: 2 kicks per step, 2n + 1 drifts after merging; each drift runs 3 inner steps
        assertEquals(2 * steps, md.softKicks);
        assertEquals((2 * steps + 1) * 2 * 3, md.stiffKicks);
        assertEquals(md.softKicks + md.stiffKicks, SOFT_OUTSIDE.forceEvaluations(steps));
    }

    @Test
    void backwardIntegrationReturnsToTheStart() {
        TwoScales md = new TwoScales();
        SOFT_OUTSIDE.integrate(md, 2.5, 9);
        md.p = -md.p;
        SOFT_OUTSIDE.integrate(md, 2.5, 9);
        assertEquals(0.7, md.q, 1e-14);
        assertEquals(0.4, md.p, 1e-13);
    }

    @Test
    void energyErrorIsSecondOrderAndSmallerThanWithoutTheFineScale() {
        double e0 = new TwoScales().energy();
        double[] nested = new double[2];
        for (int i = 0; i < 2; i++) {
            TwoScales md = new TwoScales();
            SOFT_OUTSIDE.integrate(md, 1, 20 << i);
            nested[i] = Math.abs(md.energy() - e0);
        }
        assertEquals(2, Math.log(nested[0] / nested[1]) / Math.log(2), 0.2);
        assertEquals(2, SOFT_OUTSIDE.order());
        TwoScales single = new TwoScales();
        OMELYAN.integrate(single, 1, 20);
        assertTrue(nested[0] < Math.abs(single.energy() - e0) / 4, nested[0] + " vs " + Math.abs(single.energy() - e0));
    }

    @Test
    void rejectsUnknownAndRepeatedTerms() {
        NestedIntegrator unknown = new NestedIntegrator(List.of(new NestedIntegrator.Level(OMELYAN, 1, List.of("sfot"))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> unknown.integrate(new TwoScales(), 1, 2));
        assertTrue(e.getMessage().contains("sfot"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new NestedIntegrator(List.of(
                new NestedIntegrator.Level(OMELYAN, 1, List.of("soft")), new NestedIntegrator.Level(OMELYAN, 2, List.of("soft")))));
        assertThrows(IllegalArgumentException.class, () -> new NestedIntegrator.Level(OMELYAN, 0, List.of()));
    }
}
