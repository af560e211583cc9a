package org.fthmc.plugins.action;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.fthmc.comm.SingleProcessCommunicator;
import org.fthmc.field.LinkField;
import org.fthmc.group.U1;
import org.fthmc.lattice.Lattice;
import org.fthmc.math.Trig;
import org.fthmc.parallel.SiteLoops;
import org.fthmc.rng.Purpose;
import org.fthmc.rng.RandomKey;
import org.fthmc.spi.RunContext;
import org.junit.jupiter.api.Test;

class U1WilsonActionTest {
    private static U1WilsonAction action(Lattice l, double beta) {
        return new U1WilsonAction(beta, new RunContext(l, U1.INSTANCE, SiteLoops.serial(), SingleProcessCommunicator.INSTANCE));
    }

    @Test
    void coldFieldHasZeroActionAndForce() {
        Lattice l = new Lattice(4, 4);
        LinkField u = LinkField.cold(l, U1.INSTANCE);
        U1WilsonAction s = action(l, 2);
        assertEquals(0, s.action(u));
        double[] f = new double[l.links()];
        s.addForce(u, 1, f);
        for (double x : f) {
            assertEquals(0, x);
        }
    }

    @Test
    void actionOfOnePlaquetteIsBetaTimesOneMinusCos() {
        Lattice l = new Lattice(3, 3);
        LinkField u = LinkField.cold(l, U1.INSTANCE);
        u.data()[u.link(0, 0)] = 0.3;
        // link 0 of site 0 belongs to P_01(0) (+) and P_01(0 - 1̂) (−)
        assertEquals(2 * 2 * (1 - Math.cos(0.3)), action(l, 2).action(u), 1e-15);
    }

    @Test
    void isGaugeInvariant() {
        for (int[] dims : new int[][] {{4, 5}, {3, 2, 4}}) {
            Lattice l = new Lattice(dims);
            LinkField u = LinkField.hot(l, U1.INSTANCE, 5, 0);
            U1WilsonAction s = action(l, 1.7);
            double before = s.action(u);
            RandomKey key = new RandomKey(9, 0, 0, Purpose.TEST);
            double[] alpha = new double[l.volume()];
            for (int x = 0; x < l.volume(); x++) {
                alpha[x] = 2 * Math.PI * key.uniform(x, 0);
            }
            LinkField v = u.copy();
            for (int x = 0; x < l.volume(); x++) {
                for (int mu = 0; mu < l.dimensions(); mu++) {
                    v.data()[v.link(x, mu)] += alpha[x] - alpha[l.forward(x, mu)];
                }
            }
            assertEquals(before, s.action(v), 1e-11);
        }
    }

    @Test
    void forceIsTheDerivativeOfTheAction() {
        for (int[] dims : new int[][] {{3, 4}, {2, 3, 2}, {2, 2, 2, 3}}) {
            Lattice l = new Lattice(dims);
            LinkField u = LinkField.hot(l, U1.INSTANCE, 11, 0);
            U1WilsonAction s = action(l, 2.3);
            double[] force = new double[l.links()];
            s.addForce(u, 1, force);
            double h = 1e-5;
            for (int link = 0; link < l.links(); link++) {
                double saved = u.data()[link];
                u.data()[link] = saved + h;
                double plus = s.action(u);
                u.data()[link] = saved - h;
                double minus = s.action(u);
                u.data()[link] = saved;
                assertEquals((plus - minus) / (2 * h), force[link], 1e-8, "link " + link + " on " + l);
            }
        }
    }

    @Test
    void forceAccumulatesWithScale() {
        Lattice l = new Lattice(4, 4);
        LinkField u = LinkField.hot(l, U1.INSTANCE, 1, 0);
        U1WilsonAction s = action(l, 1);
        double[] once = new double[l.links()];
        s.addForce(u, 1, once);
        double[] acc = new double[l.links()];
        java.util.Arrays.fill(acc, 1);
        s.addForce(u, -0.5, acc);
        for (int i = 0; i < acc.length; i++) {
            assertEquals(1 - 0.5 * once[i], acc[i], 1e-15);
        }
        assertEquals(Trig.sin(0.1), Math.sin(0.1), 1e-16);
    }
}
