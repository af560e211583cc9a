package org.fthmc.plugins.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.fthmc.analysis.Estimate;
import org.fthmc.analysis.GammaMethod;
import org.fthmc.comm.SingleProcessCommunicator;
import org.fthmc.field.LinkField;
import org.fthmc.group.SUN;
import org.fthmc.hmc.HmcUpdater;
import org.fthmc.hmc.SplittingIntegrator;
import org.fthmc.lattice.Lattice;
import org.fthmc.gauge.SunLoops;
import org.fthmc.parallel.SiteLoops;
import org.fthmc.spi.RunContext;
import org.junit.jupiter.api.Test;

/** The Cabibbo–Marinari heat bath against the exact 2D SU(2) result, and against HMC in 4D SU(3). */
class SunHeatBathTest {
    private static Estimate heatBathPlaquette(Lattice l, SUN g, double beta, int sweeps, int streams, long seed) {
        List<double[]> series = new ArrayList<>();
        try (SiteLoops loops = new SiteLoops(2)) {
            SunHeatBath hb = new SunHeatBath(beta, new RunContext(l, g, loops, SingleProcessCommunicator.INSTANCE));
            for (int s = 0; s < streams; s++) {
                LinkField u = LinkField.hot(l, g, seed, s);
                double[] p = new double[sweeps];
                for (int t = 0; t < 50 + sweeps; t++) {
                    hb.sweep(u, seed, s, t, 2);
                    if (t >= 50) {
                        p[t - 50] = SunLoops.averagePlaquette(u, loops);
                    }
                }
                series.add(p);
            }
        }
        return GammaMethod.analyse(series);
    }

    @Test
    void twoDimensionalSu2ReproducesTheBesselRatio() {
        double beta = 2.0;
        Estimate e = heatBathPlaquette(new Lattice(8, 8), SUN.of(2), beta, 1500, 2, 5);
        double exact = org.fthmc.plugins.action.U1Exact.besselI(2, beta) / U1Exact.besselI(1, beta);
        assertEquals(exact, e.mean(), 4 * e.error(), "heat bath " + e.mean() + " +- " + e.error() + " vs " + exact);
    }

    @Test
    void heatBathAndHmcAgreeOnTheFourDimensionalSu3Plaquette() {
        Lattice l = new Lattice(4, 4, 4, 4);
        SUN g = SUN.of(3);
        double beta = 5.7;
        Estimate hb = heatBathPlaquette(l, g, beta, 300, 2, 9);
        List<double[]> series = new ArrayList<>();
        try (SiteLoops loops = new SiteLoops(2)) {
            RunContext context = new RunContext(l, g, loops, SingleProcessCommunicator.INSTANCE);
            HmcUpdater hmc = new HmcUpdater(SunLoopKernel.wilson(beta, context),
                    new SplittingIntegrator(SplittingIntegrator.First.POSITION, 2, 0.1931833275037836, 0.5,
                            1 - 2 * 0.1931833275037836, 0.5, 0.1931833275037836), loops, context.communicator());
            SunHeatBath thermaliser = new SunHeatBath(beta, context);
            for (int s = 0; s < 2; s++) {
                LinkField u = LinkField.hot(l, g, 21, s);
                for (int t = 0; t < 30; t++) {
                    thermaliser.sweep(u, 77, s, t, 2);
                }
                double[] p = new double[600];
                int accepted = 0;
                for (int t = 0; t < p.length; t++) {
                    accepted += hmc.trajectory(u, 21, s, t, 1.0, 8, true).accepted() ? 1 : 0;
                    p[t] = SunLoops.averagePlaquette(u, loops);
                }
                assertTrue(accepted > 0.6 * p.length, "HMC acceptance " + accepted + "/" + p.length);
                series.add(p);
            }
        }
        Estimate e = GammaMethod.analyse(series);
        double sigma = Math.hypot(hb.error(), e.error());
        assertEquals(hb.mean(), e.mean(), 4 * sigma, "heat bath " + hb.mean() + " +- " + hb.error() + ", HMC " + e.mean()
                + " +- " + e.error());
        assertTrue(hb.mean() > 0.5 && hb.mean() < 0.6, "plaquette at beta 5.7 on 4^4 should be near 0.55: " + hb.mean());
    }
}
