package org.fthmc.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fthmc.field.LinkField;
import org.fthmc.group.SUN;
import org.fthmc.lattice.Lattice;
import org.fthmc.parallel.SiteLoops;
import org.fthmc.rng.Purpose;
import org.fthmc.rng.RandomKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CloverMeterTest {
    /**
     * A constant abelian field U = diag(e^{iθ}, e^{−iθ}, 1, …) with n1 flux quanta in the 01 plane and n2 in the 23
     * plane (plaquette angles B1 = 2π n1/(L0 L1), B2 = 2π n2/(L2 L3), twisted at the boundary). Every clover leaf
     * has the same angle, so F_01 = diag(i sin B1, −i sin B1, 0, …) exactly and
     * Q = 2 V sin B1 sin B2 / (4π²) → 2 n1 n2, E = 2 (sin² B1 + sin² B2).
     */
    static LinkField constantFlux(Lattice l, SUN g, int n1, int n2) {
        LinkField u = LinkField.cold(l, g);
        int[] x = new int[4];
        double b1 = 2 * Math.PI * n1 / (l.extent(0) * l.extent(1));
        double b2 = 2 * Math.PI * n2 / (l.extent(2) * l.extent(3));
        for (int site = 0; site < l.volume(); site++) {
            l.coordinates(site, x);
            double[] theta = new double[4];
            theta[1] = b1 * x[0];
            theta[0] = x[0] == l.extent(0) - 1 ? -b1 * l.extent(0) * x[1] : 0;
            theta[3] = b2 * x[2];
            theta[2] = x[2] == l.extent(2) - 1 ? -b2 * l.extent(2) * x[3] : 0;
            for (int mu = 0; mu < 4; mu++) {
                int o = (site * 4 + mu) * g.storage();
                int n = g.n();
                u.data()[o] = Math.cos(theta[mu]);
                u.data()[o + 1] = Math.sin(theta[mu]);
                u.data()[o + 2 * (n + 1)] = Math.cos(theta[mu]);
                u.data()[o + 2 * (n + 1) + 1] = -Math.sin(theta[mu]);
            }
        }
        return u;
    }

    @ParameterizedTest(name = "SU({0}), n1 = {1}, n2 = {2}")
    @CsvSource({"3, 1, 1", "3, 2, -1", "2, 1, 3"})
    void constantFluxHasItsExactChargeAndEnergy(int n, int n1, int n2) {
        Lattice l = new Lattice(6, 8, 8, 6);
        SUN g = SUN.of(n);
        LinkField u = constantFlux(l, g, n1, n2);
        double b1 = 2 * Math.PI * n1 / 48;
        double b2 = 2 * Math.PI * n2 / 48;
        try (SiteLoops loops = new SiteLoops(2)) {
            CloverMeter.Result r = new CloverMeter(l, g, loops).measure(u);
            assertEquals(2 * l.volume() * Math.sin(b1) * Math.sin(b2) / (4 * Math.PI * Math.PI), r.charge(), 1e-11);
            assertEquals(2 * n1 * n2, r.charge(), 0.02 * Math.abs(n1 * n2) * (n1 * n1 + n2 * n2));
            assertEquals(2 * (Math.sin(b1) * Math.sin(b1) + Math.sin(b2) * Math.sin(b2)), r.energy(), 1e-13);
        }
    }

    @Test
    void chargeAndEnergyAreGaugeInvariantAndThreadIndependent() {
        Lattice l = new Lattice(4, 4, 4, 4);
        SUN g = SUN.of(3);
        LinkField u = LinkField.hot(l, g, 7, 0);
        double[] gauge = new double[l.volume() * g.storage()];
        RandomKey key = new RandomKey(9, 0, 0, Purpose.TEST);
        for (int x = 0; x < l.volume(); x++) {
            g.setRandom(gauge, x, key, x, 0);
        }
        LinkField v = u.copy();
        int s = g.storage();
        double[] t = new double[s];
        for (int x = 0; x < l.volume(); x++) {
            for (int mu = 0; mu < 4; mu++) {
                int o = (x * 4 + mu) * s;
                org.fthmc.math.ComplexMatrices.multiply(3, gauge, x * s, false, u.data(), o, false, t, 0, false);
                org.fthmc.math.ComplexMatrices.multiply(3, t, 0, false, gauge, l.forward(x, mu) * s, true, v.data(), o, false);
            }
        }
        CloverMeter.Result a;
        CloverMeter.Result b;
        try (SiteLoops one = SiteLoops.serial(); SiteLoops two = new SiteLoops(2)) {
            a = new CloverMeter(l, g, one).measure(u);
            b = new CloverMeter(l, g, two).measure(v);
            CloverMeter.Result c = new CloverMeter(l, g, two).measure(u);
            assertEquals(a, c, "bit-identical for 1 and 2 threads");
        }
        assertEquals(a.charge(), b.charge(), 1e-12);
        assertEquals(a.energy(), b.energy(), 1e-12);
        assertTrue(a.energy() > 0);
    }
}
