package org.fthmc.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.fthmc.analysis.Estimate;
import org.fthmc.analysis.GammaMethod;
import org.fthmc.run.RunPlan;
import org.fthmc.field.LinkField;
import org.fthmc.hmc.HmcUpdater;
import org.fthmc.hmc.TrajectoryResult;
import org.fthmc.spi.PluginKind;
import org.junit.jupiter.api.Test;

/**
 * ⟨e^{−ΔH}⟩ = 1 in equilibrium for every registered integrator and action, with coarse steps (acceptance well
 * below 1, where the identity has teeth), within 4 standard errors from the Γ-method. Fixed seeds. The step count
 * is the smallest whose pilot acceptance reaches 1/2, at trajectory length 4.
 */
class BoltzmannIdentityTest {
    private static final int STREAMS = 4;
    private static final int TRAJECTORIES = 3000;

    @Test
    void expMinusDeltaHAveragesToOne() {
        for (String action : Fixtures.names(PluginKind.ACTION)) {
            for (String integrator : Fixtures.names(PluginKind.INTEGRATOR)) {
                for (RunPlan plan : Fixtures.plans(action, integrator, new int[] {4, 4}, 1, new Random(5),
                        Map.of("integrator.trajectory-length", 4))) {
                    try (plan) {
                        check(plan, action + " / " + integrator);
                    }
                }
            }
        }
    }

    private static void check(RunPlan plan, String what) {
        HmcUpdater hmc = new HmcUpdater(plan.action(), plan.integrator(), plan.context().loops(), plan.context().communicator());
        int steps = coarsestSteps(plan, hmc);
        List<double[]> boltzmann = new ArrayList<>();
        long accepted = 0;
        for (int s = 0; s < STREAMS; s++) {
            LinkField u = LinkField.hot(plan.lattice(), plan.group(), 77, s);
            for (int t = 0; t < 100; t++) {
                hmc.trajectory(u, 77, s, t, 2.0, 16, true);
            }
            double[] b = new double[TRAJECTORIES];
            for (int t = 0; t < TRAJECTORIES; t++) {
                TrajectoryResult r = hmc.trajectory(u, 77, s, 100 + t, plan.trajectoryLength(), steps, true);
                b[t] = Math.exp(-r.deltaH());
                accepted += r.accepted() ? 1 : 0;
            }
            boltzmann.add(b);
        }
        double acceptance = (double) accepted / (STREAMS * TRAJECTORIES);
        assertTrue(acceptance < 0.97, what + ": acceptance " + acceptance + " is too high for a sharp test");
        Estimate e = GammaMethod.analyse(boltzmann);
        assertEquals(1.0, e.mean(), 4 * e.error(), what + ": <exp(-dH)> = " + e.mean() + " +- " + e.error()
                + " at acceptance " + acceptance);
    }

    private static int coarsestSteps(RunPlan plan, HmcUpdater hmc) {
        LinkField u = LinkField.hot(plan.lattice(), plan.group(), 78, 0);
        for (int t = 0; t < 100; t++) {
            hmc.trajectory(u, 78, 0, t, 2.0, 16, true);
        }
        for (int steps = 1; steps < 64; steps++) {
            int accepted = 0;
            for (int t = 0; t < 100; t++) {
                accepted += hmc.trajectory(u, 78, 0, 1000 * steps + t, plan.trajectoryLength(), steps, true).accepted() ? 1 : 0;
            }
            if (accepted >= 50) {
                return steps;
            }
        }
        return 64;
    }
}
