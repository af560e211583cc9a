package org.fthmc.plugins.observable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import org.fthmc.comm.SingleProcessCommunicator;
import org.fthmc.ConfigError;
import org.fthmc.config.Settings;
import org.fthmc.field.LinkField;
import org.fthmc.group.U1;
import org.fthmc.lattice.Lattice;
import org.fthmc.parallel.SiteLoops;
import org.fthmc.spi.RunContext;
import org.junit.jupiter.api.Test;

class GaugeObservablesTest {
    private static RunContext context(Lattice l) {
        return new RunContext(l, U1.INSTANCE, SiteLoops.serial(), SingleProcessCommunicator.INSTANCE);
    }

    @Test
    void topologicalChargeIsAnIntegerOnEveryPeriodicField() {
        Lattice l = new Lattice(6, 5);
        var q = GaugeObservables.topologicalCharge(context(l));
        boolean nonZero = false;
        for (int seed = 0; seed < 50; seed++) {
            double value = q.measure(LinkField.hot(l, U1.INSTANCE, seed, 0));
            assertEquals(Math.rint(value), value, 1e-12);
            nonZero |= value != 0;
        }
        assertTrue(nonZero, "random fields should carry charge sometimes");
    }

    @Test
    void aUnitChargeConfigurationHasQEqualOne() {
        // Constant field strength f = 2π/V: θ_0(x) = −f x_1, and θ_1(x) = f L_1 x_0 on the last row x_1 = L_1 − 1.
        // Every plaquette angle is f, except one corner where it is f − 2π, which wraps back to f.
        Lattice l = new Lattice(5, 4);
        LinkField u = LinkField.cold(l, U1.INSTANCE);
        double f = 2 * Math.PI / l.volume();
        for (int x0 = 0; x0 < 5; x0++) {
            for (int x1 = 0; x1 < 4; x1++) {
                int site = l.site(x0, x1);
                u.data()[u.link(site, 0)] = -f * x1;
                if (x1 == 3) {
                    u.data()[u.link(site, 1)] = f * 4 * x0;
                }
            }
        }
        assertEquals(1.0, GaugeObservables.topologicalCharge(context(l)).measure(u), 1e-12);
        assertEquals(Math.cos(f), GaugeObservables.plaquette(context(l)).measure(u), 1e-14);
    }

    @Test
    void oneExcitedLinkLiesInSixRectanglesAndTheSunRectangleIsTheActionsTerm() {
        Lattice l = new Lattice(6, 6);
        LinkField u = LinkField.cold(l, U1.INSTANCE);
        u.data()[u.link(l.site(2, 3), 0)] = 0.9;
        assertEquals(1 - 6 * (1 - Math.cos(0.9)) / (2.0 * 36), GaugeObservables.u1Rectangle(context(l)).measure(u), 1e-15);
        assertEquals(1.0, GaugeObservables.u1Rectangle(context(l)).measure(LinkField.cold(l, U1.INSTANCE)));

        Lattice l4 = new Lattice(4, 3, 3, 4);
        org.fthmc.group.SUN g = org.fthmc.group.SUN.of(3);
        RunContext c = new RunContext(l4, g, SiteLoops.serial(), SingleProcessCommunicator.INSTANCE);
        LinkField v = LinkField.hot(l4, g, 2, 0);
        double rectangles = org.fthmc.plugins.action.SunLoopKernel.improved(1, 1, c).terms()
                .get(org.fthmc.plugins.action.SunLoopKernel.RECTANGLE).action(v);
        assertEquals(1 - rectangles / (12.0 * l4.volume()), GaugeObservables.sunRectangle(c).measure(v), 1e-13);
    }

    @Test
    void coldFieldHasUnitPlaquetteAndZeroActionDensity() {
        Lattice l = new Lattice(3, 3, 3);
        LinkField u = LinkField.cold(l, U1.INSTANCE);
        assertEquals(1.0, GaugeObservables.plaquette(context(l)).measure(u));
        assertEquals(0.0, GaugeObservables.actionDensity(context(l)).measure(u));
    }

    @Test
    void polyakovLoopOfATwistedSliceIsTheTwist() {
        // cold SU(3) field with the time links of one slice set to D = diag(e^{ia}, e^{ib}, e^{-i(a+b)}): every
        // Polyakov loop is D, so |P| = |tr D| / 3 < 1, while every plaquette stays 1 (D commutes through)
        Lattice l = new Lattice(3, 3, 4);
        org.fthmc.group.SUN g = org.fthmc.group.SUN.of(3);
        LinkField u = LinkField.cold(l, g);
        int[] x = new int[3];
        for (int site = 0; site < l.volume(); site++) {
            l.coordinates(site, x);
            if (x[2] == 1) {
                double[] phases = {0.4, 1.1, -1.5};
                for (int i = 0; i < 3; i++) {
                    int o = (site * 3 + 2) * 18 + 2 * (i * 3 + i);
                    u.data()[o] = Math.cos(phases[i]);
                    u.data()[o + 1] = Math.sin(phases[i]);
                }
            }
        }
        RunContext c = new RunContext(l, g, SiteLoops.serial(), SingleProcessCommunicator.INSTANCE);
        var factory = GaugeObservables.factories().stream().filter(f -> f.name().equals("polyakov-loop")).findFirst().orElseThrow();
        var polyakov = factory.create(Settings.of("measurements.observables", ConfigFactory.parseString("type = polyakov-loop")), c);
        double re = Math.cos(0.4) + Math.cos(1.1) + Math.cos(-1.5);
        double im = Math.sin(0.4) + Math.sin(1.1) + Math.sin(-1.5);
        assertEquals(Math.hypot(re, im) / 3, polyakov.measure(u), 1e-14);
        var plaquette = GaugeObservables.factories().getFirst().create(
                Settings.of("measurements.observables", ConfigFactory.parseString("type = plaquette")), c);
        assertEquals(1.0, plaquette.measure(u), 1e-14); // a center twist leaves every plaquette trivial
    }

    @Test
    void topologicalChargeRefusesOtherDimensions() {
        var factory = GaugeObservables.factories().stream().filter(f -> f.name().equals("topological-charge")).findFirst().orElseThrow();
        Settings s = Settings.of("measurements.observables", ConfigFactory.parseString("type = topological-charge"));
        assertThrows(ConfigError.class, () -> factory.create(s, context(new Lattice(2, 2, 2))));
    }
}
