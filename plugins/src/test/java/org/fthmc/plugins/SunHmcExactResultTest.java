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
import org.fthmc.plugins.action.U1Exact;
import org.fthmc.spi.Observable;
import org.fthmc.spi.PluginRegistry;
import org.junit.jupiter.api.Test;

/**
 * 2D SU(2) with the Wilson action is exactly solvable: each plaquette is independent, and
 * ⟨½ Re tr P⟩ = I_2(β)/I_1(β) up to finite-volume terms of order (ratio of characters)^V, negligible on 8×8.
 * HMC with the DSL-derived SU(2) force must reproduce it within 4 standard errors (Γ-method).
 */
class SunHmcExactResultTest {
    @Test
    void su2PlaquetteIsTheBesselRatio() {
        double beta = 2.0;
        String hocon = "lattice { dims = [8, 8], group = su2 }\naction { type = sun-wilson, beta = " + beta + " }\n"
                + "integrator { type = omelyan, steps = 5, trajectory-length = 1 }\nhmc.threads = 1\n";
        try (RunPlan plan = RunPlan.build(RunConfig.parse(hocon, "test", List.of()), PluginRegistry.discover())) {
            Observable plaquette = plan.observables().stream().filter(o -> o.column().equals("plaquette")).findFirst().orElseThrow();
            HmcUpdater hmc = new HmcUpdater(plan.action(), plan.integrator(), plan.context().loops(), plan.context().communicator());
            List<double[]> series = new ArrayList<>();
            int accepted = 0;
            int trajectories = 4000;
            for (int s = 0; s < 3; s++) {
                LinkField u = LinkField.hot(plan.lattice(), plan.group(), 17, s);
                double[] p = new double[trajectories];
                for (int t = 0; t < 100 + trajectories; t++) {
                    boolean acc = hmc.trajectory(u, 17, s, t, 1.0, 5, true).accepted();
                    if (t >= 100) {
                        p[t - 100] = plaquette.measure(u);
                        accepted += acc ? 1 : 0;
                    }
                }
                series.add(p);
            }
            Estimate e = GammaMethod.analyse(series);
            double exact = U1Exact.besselI(2, beta) / U1Exact.besselI(1, beta);
            assertTrue(accepted > 0.5 * 3 * trajectories, "acceptance too low: " + accepted);
            assertEquals(exact, e.mean(), 4 * e.error(), "SU(2) plaquette " + e.mean() + " +- " + e.error() + " vs " + exact);
        }
    }
}
