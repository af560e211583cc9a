package org.fthmc.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.fthmc.field.LinkField;
import org.fthmc.group.SUN;
import org.fthmc.lattice.Lattice;
import org.fthmc.parallel.SiteLoops;
import org.junit.jupiter.api.Test;

class WilsonFlowTest {
    private static final Lattice LATTICE = new Lattice(3, 3, 3, 4);

    /** A rough but not random field: a hot field smoothed a little, so the flow is in its smooth regime. */
    private static LinkField field(WilsonFlow flow) {
        LinkField u = LinkField.hot(LATTICE, SUN.of(3), 12, 0);
        for (int i = 0; i < 5; i++) {
            flow.step(u, 0.02);
        }
        return u;
    }

    @Test
    void theEnergyDecreasesAndLinksStayInSu3() {
        LinkField shape = LinkField.cold(LATTICE, SUN.of(3));
        WilsonFlow flow = new WilsonFlow(shape, SiteLoops.serial());
        LinkField u = LinkField.hot(LATTICE, SUN.of(3), 3, 0);
        List<WilsonFlow.Point> points = flow.flow(u, 0.02, 0.6);
        for (int i = 1; i < points.size(); i++) {
            assertTrue(points.get(i).e() < points.get(i - 1).e(), "E must decrease along the flow at t = " + points.get(i).t());
        }
        SUN g = SUN.of(3);
        for (int l = 0; l < LATTICE.links(); l += 17) {
            double[] det = g.determinant(java.util.Arrays.copyOfRange(u.data(), 18 * l, 18 * (l + 1)));
            assertEquals(1, det[0], 1e-12);
            assertEquals(0, det[1], 1e-12);
        }
    }

    @Test
    void flowToEndsWhereTheRecordedFlowEnds() {
        WilsonFlow flow = new WilsonFlow(LinkField.cold(LATTICE, SUN.of(3)), SiteLoops.serial());
        LinkField start = LinkField.hot(LATTICE, SUN.of(3), 5, 0);
        LinkField recorded = start.copy();
        LinkField endOnly = start.copy();
        WilsonFlow.Point last = flow.flow(recorded, 0.05, 0.3).getLast();
        assertEquals(last, flow.flowTo(endOnly, 0.05, 0.3), "the same end point, bit for bit");
        assertEquals(0, recorded.maxDistance(endOnly));
        assertEquals(0.3, last.t(), 1e-15);
    }

    @Test
    void rungeKuttaIsThirdOrder() {
        WilsonFlow flow = new WilsonFlow(LinkField.cold(LATTICE, SUN.of(3)), SiteLoops.serial());
        LinkField start = field(flow);
        double t = 0.2;
        double[] e = new double[3];
        LinkField[] flowed = new LinkField[3];
        for (int k = 0; k < 3; k++) {
            flowed[k] = start.copy();
            double eps = 0.05 / (1 << k);
            for (int i = 0; i < Math.round(t / eps); i++) {
                flow.step(flowed[k], eps);
            }
            e[k] = flow.energyDensity(flowed[k]);
        }
        double ratio = flowed[0].maxDistance(flowed[1]) / flowed[1].maxDistance(flowed[2]);
        assertEquals(8, ratio, 1.0, "global error ratio of the links for halved steps (third order: 8), got " + ratio);
        // E converges at least as fast (its leading error can partly cancel, so only a lower bound is asserted)
        assertTrue(Math.abs(e[0] - e[1]) / Math.abs(e[1] - e[2]) > 6);
    }

    @Test
    void scalesInterpolateTheirDefinitions() {
        // t²E = 0.5 t (so E = 0.5/t): t0 = 0.6; W(t) = t d/dt(t²E) = 0.5 t, so w0² = 0.6; clover E = 0.25/t: 1.2
        List<WilsonFlow.Point> points = new java.util.ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            double t = 0.1 * i;
            points.add(new WilsonFlow.Point(t, 0.5 / t, 0.25 / t, Double.NaN));
        }
        assertEquals(0.6, WilsonFlow.t0(points), 1e-12);
        assertEquals(Math.sqrt(0.6), WilsonFlow.w0(points), 1e-12);
        assertTrue(Double.isNaN(WilsonFlow.t0(points.subList(0, 3))));
        assertEquals(1.2, WilsonFlow.t0(points, WilsonFlow.Definition.CLOVER), 1e-12);
        assertEquals(Math.sqrt(1.2), WilsonFlow.w0(points, WilsonFlow.Definition.CLOVER), 1e-12);
    }

    @Test
    void theFlowRestoresTheIntegerChargeOfANoisyFluxField() {
        Lattice l = new Lattice(6, 8, 8, 6);
        SUN g = SUN.of(3);
        LinkField u = CloverMeterTest.constantFlux(l, g, 1, 1);
        double[] noise = new double[l.links() * g.algebraDimension()];
        org.fthmc.rng.RandomKey key = new org.fthmc.rng.RandomKey(4, 0, 0, org.fthmc.rng.Purpose.TEST);
        for (int i = 0; 2 * i < noise.length; i++) {
            key.gaussianPair(i, 0, noise, 2 * i);
        }
        g.evolve(u.data(), noise, 0.25, 0, l.links());
        try (SiteLoops loops = new SiteLoops(2)) {
            List<WilsonFlow.Point> points = new WilsonFlow(u, loops).flow(u, 0.05, 2.0);
            double before = points.getFirst().charge();
            double after = points.getLast().charge();
            assertTrue(Math.abs(before - 2) > 0.2, "the noise must move Q off its integer, got " + before);
            assertEquals(2, after, 0.05, "flowed charge");
            double b = 2 * Math.PI / 48;
            double fluxEnergy = 4 * Math.sin(b) * Math.sin(b);
            assertEquals(fluxEnergy, points.getLast().eClover(), 0.2 * fluxEnergy, "the noise flows away, the flux stays; E(0) = "
                    + points.getFirst().eClover());
        }
    }

    @Test
    void weakFieldsFlowByTheHeatEquation() {
        // A transverse mode A_0(x) = a sin(2π x_1 / L) T_3 decays as exp(−p̂² t), p̂² = 4 sin²(π/L) (Lüscher's
        // normalisation Z = −g0² ∂S_w, i.e. the force of the Wilson action at β = 2N)
        Lattice l = new Lattice(4, 8, 4, 4);
        SUN g = SUN.of(3);
        LinkField u = LinkField.cold(l, g);
        double amplitude = 1e-4;
        double[] p = new double[l.links() * g.algebraDimension()];
        int[] x = new int[4];
        for (int site = 0; site < l.volume(); site++) {
            l.coordinates(site, x);
            p[site * 4 * g.algebraDimension() + 2] = amplitude * Math.sin(2 * Math.PI * x[1] / 8);
        }
        g.evolve(u.data(), p, 1, 0, l.links());
        new WilsonFlow(u, SiteLoops.serial()).flow(u, 0.01, 0.5);
        int site = l.site(0, 2, 0, 0);
        double after = g.component(2, u.data(), site * 4 * g.storage());
        assertEquals(Math.exp(-4 * Math.sin(Math.PI / 8) * Math.sin(Math.PI / 8) * 0.5), after / amplitude, 1e-4);
    }
}
