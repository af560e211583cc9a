package org.fthmc.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.fthmc.analysis.Estimate;
import org.fthmc.analysis.GammaMethod;
import org.fthmc.config.RunConfig;
import org.fthmc.run.RunPlan;
import org.fthmc.field.LinkField;
import org.fthmc.hmc.HmcUpdater;
import org.fthmc.hmc.TrajectoryResult;
import org.fthmc.plugins.action.U1Exact;
import org.fthmc.spi.Observable;
import org.fthmc.spi.PluginRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Plain HMC on 2D U(1) reproduces the exact finite-volume plaquette and ⟨Q²⟩ (docs/science.md §6) and ⟨e^{−ΔH}⟩ = 1,
 * each within 4 standard errors from the Γ-method (autocorrelations included). Fixed seeds.
 */
class HmcExactResultsTest {
    private static final int STREAMS = 4;
    private static final int THERMALIZATION = 200;

    @ParameterizedTest(name = "L = {0}, beta = {1}, {2}, {5} force")
    @CsvSource({
        "4, 3.0, omelyan, 6, 20000, kernel",
        "5, 1.5, leapfrog, 10, 20000, kernel",
        "6, 2.0, omelyan4, 3, 20000, kernel",
        "8, 3.0, omelyan, 6, 25000, kernel",
        "7, 1.0, omelyan, 4, 20000, kernel",
        "6, 2.5, omelyan, 5, 20000, dsl",
    })
    void reproducesExactResults(int l, double beta, String integrator, int steps, int trajectories, String force) {
        String hocon = "lattice.dims = [" + l + ", " + l + "]\naction { type = u1-wilson, beta = " + beta + ", force = " + force + " }\n"
                + "integrator { type = " + integrator + ", steps = " + steps + ", trajectory-length = 1 }\nhmc.threads = 1\n";
        try (RunPlan plan = RunPlan.build(RunConfig.parse(hocon, "test", List.of()), PluginRegistry.discover())) {
            Observable plaquette = plan.observables().stream().filter(o -> o.column().equals("plaquette")).findFirst().orElseThrow();
            Observable charge = plan.observables().stream().filter(o -> o.column().equals("topological_charge")).findFirst().orElseThrow();
            HmcUpdater hmc = new HmcUpdater(plan.action(), plan.integrator(), plan.context().loops(), plan.context().communicator());
            List<double[]> plaq = new ArrayList<>();
            List<double[]> q2 = new ArrayList<>();
            List<double[]> boltzmann = new ArrayList<>();
            int accepted = 0;
            for (int s = 0; s < STREAMS; s++) {
                LinkField u = LinkField.hot(plan.lattice(), plan.group(), 2024, s);
                double[] p = new double[trajectories];
                double[] q = new double[trajectories];
                double[] b = new double[trajectories];
                for (int t = 0; t < THERMALIZATION + trajectories; t++) {
                    TrajectoryResult r = hmc.trajectory(u, 2024, s, t, 1.0, steps, true);
                    if (t >= THERMALIZATION) {
                        int i = t - THERMALIZATION;
                        p[i] = plaquette.measure(u);
                        double c = charge.measure(u);
                        q[i] = c * c;
                        b[i] = Math.exp(-r.deltaH());
                        accepted += r.accepted() ? 1 : 0;
                    }
                }
                plaq.add(p);
                q2.add(q);
                boltzmann.add(b);
            }
            int volume = l * l;
            assertWithin(GammaMethod.analyse(plaq), U1Exact.plaquette(beta, volume), "plaquette");
            assertWithin(GammaMethod.analyse(q2), U1Exact.topologicalChargeSquared(beta, volume), "<Q^2>");
            assertWithin(GammaMethod.analyse(boltzmann), 1.0, "<exp(-dH)>");
            double acceptance = (double) accepted / (STREAMS * trajectories);
            assertTrue(acceptance > 0.5 && acceptance < 1, "acceptance " + acceptance + " should show a non-trivial test");
        }
    }

    private static void assertWithin(Estimate e, double exact, String what) {
        assertTrue(e.error() > 0, what + " has no error estimate");
        assertEquals(exact, e.mean(), 4 * e.error(),
                what + ": " + e.mean() + " +- " + e.error() + " (tau_int " + e.tauInt() + ") vs exact " + exact);
    }
}
