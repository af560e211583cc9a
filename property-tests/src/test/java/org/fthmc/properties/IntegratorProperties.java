package org.fthmc.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.fthmc.run.RunPlan;
import org.fthmc.field.LinkField;
import org.fthmc.group.U1;
import org.fthmc.hmc.GaugeDynamics;
import org.fthmc.hmc.ReversibilityResult;
import org.fthmc.hmc.HmcUpdater;
import org.fthmc.rng.Purpose;
import org.fthmc.rng.RandomKey;
import org.fthmc.spi.PluginKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every registered integrator with every registered action: time reversibility, area preservation (symplecticity)
 * of the MD map, and the energy violation scaling as ε^p for its declared order p.
 */
class IntegratorProperties {
    /** Every registered integrator with every registered action. */
    static Stream<Arguments> integratorsAndActions() {
        return Fixtures.pairs(Fixtures.names(PluginKind.INTEGRATOR), Fixtures.names(PluginKind.ACTION));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("integratorsAndActions")
    void trajectoriesAreReversible(String integrator, String action) {
        Fixtures.forSeeds("reversible", integrator + " with " + action, 2, seed -> {
            Random random = new Random(seed);
            int l = 2 + random.nextInt(5);
            int steps = 1 + random.nextInt(12);
            List<RunPlan> plans = Fixtures.plans(action, integrator, new int[] {l, l + 1}, 1, random, Map.of());
            assertFalse(plans.isEmpty(), action + " accepts no known group");
            for (RunPlan plan : plans) {
                try (plan) {
                    LinkField u = LinkField.hot(plan.lattice(), plan.group(), seed, 0);
                    HmcUpdater hmc = new HmcUpdater(plan.action(), plan.integrator(), plan.context().loops(), plan.context().communicator());
                    ReversibilityResult r = hmc.reversibility(u, seed, 0, 0, 1.0, steps);
                    assertTrue(r.maxLinkDistance() < 1e-12, "max |dU| = " + r.maxLinkDistance());
                    assertTrue(r.absDeltaH() < 1e-10, "|dH| = " + r.absDeltaH());
                }
            }
        });
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("integratorsAndActions")
    void energyViolationScalesWithTheOrder(String integrator, String action) {
        Fixtures.forSeeds("order", integrator + " with " + action, 1, seed -> {
            List<RunPlan> plans = Fixtures.plans(action, integrator, new int[] {4, 4}, 1, new Random(seed), Map.of());
            assertFalse(plans.isEmpty(), action + " accepts no known group");
            for (RunPlan plan : plans) {
                try (plan) {
                    int order = plan.integrator().order();
                    double[] dH = new double[2];
                    int base = order == 2 ? 80 : 40;
                    for (int i = 0; i < 2; i++) {
                        LinkField u = LinkField.hot(plan.lattice(), plan.group(), seed, 0);
                        GaugeDynamics md = new GaugeDynamics(u, plan.action(), plan.context().loops());
                        md.refreshMomenta(new RandomKey(seed, 0, 0, Purpose.TEST));
                        double h0 = md.hamiltonian();
                        plan.integrator().integrate(md, 1.0, base << i);
                        dH[i] = Math.abs(md.hamiltonian() - h0);
                    }
                    double measuredOrder = Math.log(dH[0] / dH[1]) / Math.log(2);
                    assertEquals(order, measuredOrder, 0.3, integrator + ": |dH| " + dH[0] + " -> " + dH[1]);
                }
            }
        });
    }

    /** Every registered integrator with every registered action that accepts U(1) fields. */
    static Stream<Arguments> integratorsAndU1Actions() {
        return integratorsAndActions().filter(a -> acceptsU1((String) a.get()[1]));
    }

    private static boolean acceptsU1(String action) {
        boolean accepts = false;
        for (RunPlan plan : Fixtures.plans(action, "leapfrog", new int[] {2, 2}, 1, new Random(0), Map.of())) {
            try (plan) {
                accepts |= plan.group() == U1.INSTANCE;
            }
        }
        return accepts;
    }

    /** Canonical coordinates (θ, p) exist for U(1); SU(N) would need algebra coordinates. */
    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("integratorsAndU1Actions")
    void theMolecularDynamicsMapIsSymplectic(String integrator, String action) {
        Fixtures.forSeeds("symplectic", integrator + " with " + action, 1, seed -> {
            for (RunPlan plan : Fixtures.plans(action, integrator, new int[] {2, 2}, 1, new Random(seed), Map.of())) {
                try (plan) {
                    if (plan.group() == U1.INSTANCE) {
                        assertSymplectic(plan, seed);
                    }
                }
            }
        });
    }

    private static void assertSymplectic(RunPlan plan, int seed) {
        LinkField u0 = LinkField.hot(plan.lattice(), plan.group(), seed, 0);
        GaugeDynamics start = new GaugeDynamics(u0, plan.action(), plan.context().loops());
        start.refreshMomenta(new RandomKey(seed, 0, 0, Purpose.TEST));
        int links = u0.data().length;
        int moms = start.momenta().length;
        int n = links + moms;
        double[][] jacobian = new double[n][n];
        double h = 1e-6;
        for (int j = 0; j < n; j++) {
            double[] plus = flow(plan, u0, start.momenta(), j, h);
            double[] minus = flow(plan, u0, start.momenta(), j, -h);
            for (int i = 0; i < n; i++) {
                jacobian[i][j] = (plus[i] - minus[i]) / (2 * h);
            }
        }
        // Jᵀ Ω J = Ω with Ω = [[0, 1], [−1, 0]] (U(1): coordinates θ, momenta p); implies det J = 1.
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                double s = 0;
                for (int k = 0; k < links; k++) {
                    s += jacobian[k][a] * jacobian[links + k][b] - jacobian[links + k][a] * jacobian[k][b];
                }
                double omega = a < links && b == a + links ? 1 : b < links && a == b + links ? -1 : 0;
                assertEquals(omega, s, 1e-6, "(J^T Omega J)[" + a + "][" + b + "]");
            }
        }
    }

    /** (θ, p) after a trajectory of length 1 in 5 steps, started from (u0, p0) with coordinate j moved by d. */
    private static double[] flow(RunPlan plan, LinkField u0, double[] p0, int j, double d) {
        LinkField u = u0.copy();
        GaugeDynamics md = new GaugeDynamics(u, plan.action(), plan.context().loops());
        System.arraycopy(p0, 0, md.momenta(), 0, p0.length);
        int links = u.data().length;
        if (j < links) {
            u.data()[j] += d;
        } else {
            md.momenta()[j - links] += d;
        }
        plan.integrator().integrate(md, 1.0, 5);
        double[] out = new double[links + p0.length];
        System.arraycopy(u.data(), 0, out, 0, links);
        System.arraycopy(md.momenta(), 0, out, links, p0.length);
        return out;
    }
}
