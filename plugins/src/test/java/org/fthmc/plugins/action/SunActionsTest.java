package org.fthmc.plugins.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import org.fthmc.comm.SingleProcessCommunicator;
import org.fthmc.ConfigError;
import org.fthmc.config.Settings;
import org.fthmc.field.LinkField;
import org.fthmc.group.SUN;
import org.fthmc.lattice.Lattice;
import org.fthmc.parallel.SiteLoops;
import org.fthmc.rng.Purpose;
import org.fthmc.rng.RandomKey;
import org.fthmc.spi.GaugeAction;
import org.fthmc.spi.RunContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SU(N) actions: loop counting, presets, gauge invariance. */
class SunActionsTest {
    private static RunContext context(Lattice l, SUN g) {
        return new RunContext(l, g, SiteLoops.serial(), SingleProcessCommunicator.INSTANCE);
    }

    private static GaugeAction improved(Lattice l, SUN g, String block, String force) {
        Settings s = Settings.of("action", ConfigFactory.parseString(block).withFallback(
                ConfigFactory.parseString("preset = custom, c1 = 0, force = " + force)));
        return new SunImprovedActionFactory().create(s, context(l, g));
    }

    @ParameterizedTest
    @ValueSource(strings = {"kernel", "dsl"})
    void oneExcitedLinkLiesInTwoPlaquettesAndSixRectangles(String force) {
        Lattice l = new Lattice(6, 6);
        SUN g = SUN.of(3);
        LinkField u = LinkField.cold(l, g);
        double[] x = new double[g.storage()];
        for (int k = 0; k < x.length; k++) {
            x[k] = 0.4 * g.generator(2)[k] + 0.3 * g.generator(4)[k];
        }
        double[] link = new double[g.storage()];
        g.exp(x, link);
        System.arraycopy(link, 0, u.data(), 0, link.length); // U_0 at site 0
        double reTr = (u.data()[0] + u.data()[8] + u.data()[16]) / 3;
        double beta = 1.7;
        double c1 = -0.331;
        double expected = beta * ((1 - 8 * c1) * 2 * (1 - reTr) + c1 * 6 * (1 - reTr));
        assertEquals(expected, improved(l, g, "beta = 1.7, preset = iwasaki", force).action(u), 1e-13);
    }

    @ParameterizedTest
    @ValueSource(strings = {"kernel", "dsl"})
    void wilsonPresetEqualsTheWilsonActionAndIsGaugeInvariant(String force) {
        Lattice l = new Lattice(4, 3, 3);
        SUN g = SUN.of(2);
        LinkField u = LinkField.hot(l, g, 4, 0);
        GaugeAction wilson = new SunWilsonActionFactory().create(Settings.of("action", ConfigFactory.parseString("beta = 2.2, force = kernel")),
                context(l, g));
        assertEquals(wilson.action(u), improved(l, g, "beta = 2.2, preset = wilson", force).action(u), 1e-12);

        GaugeAction dbw2 = improved(l, g, "beta = 0.78, preset = dbw2", force);
        double before = dbw2.action(u);
        double[] gauge = new double[l.volume() * g.storage()];
        RandomKey key = new RandomKey(8, 0, 0, Purpose.TEST);
        for (int x = 0; x < l.volume(); x++) {
            g.setRandom(gauge, x, key, x, 0);
        }
        LinkField v = u.copy();
        int s = g.storage();
        for (int x = 0; x < l.volume(); x++) {
            for (int mu = 0; mu < l.dimensions(); mu++) {
                int link = (x * l.dimensions() + mu) * s;
                double[] m = java.util.Arrays.copyOfRange(u.data(), link, link + s);
                double[] left = java.util.Arrays.copyOfRange(gauge, x * s, (x + 1) * s);
                double[] right = dagger(java.util.Arrays.copyOfRange(gauge, l.forward(x, mu) * s, (l.forward(x, mu) + 1) * s));
                System.arraycopy(multiply(multiply(left, m), right), 0, v.data(), link, s);
            }
        }
        assertEquals(before, dbw2.action(v), 1e-10 * Math.abs(before));
    }

    @Test
    void unknownPresetsAreNamed() {
        Lattice l = new Lattice(2, 2);
        ConfigError e = assertThrows(ConfigError.class, () -> org.fthmc.spi.PluginBlocks.build(org.fthmc.spi.PluginRegistry.discover(),
                org.fthmc.spi.PluginKind.ACTION, "action", ConfigFactory.parseString("type = sun-improved, beta = 1, preset = iwasak"),
                java.util.List.of(), context(l, SUN.of(2))));
        assertTrue(e.getMessage().contains("did you mean 'iwasaki'"), e.getMessage());
    }

    private static double[] multiply(double[] a, double[] b) {
        double[] c = new double[8];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                for (int k = 0; k < 2; k++) {
                    c[2 * (i * 2 + j)] += a[2 * (i * 2 + k)] * b[2 * (k * 2 + j)] - a[2 * (i * 2 + k) + 1] * b[2 * (k * 2 + j) + 1];
                    c[2 * (i * 2 + j) + 1] += a[2 * (i * 2 + k)] * b[2 * (k * 2 + j) + 1] + a[2 * (i * 2 + k) + 1] * b[2 * (k * 2 + j)];
                }
            }
        }
        return c;
    }

    private static double[] dagger(double[] a) {
        double[] d = new double[8];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                d[2 * (i * 2 + j)] = a[2 * (j * 2 + i)];
                d[2 * (i * 2 + j) + 1] = -a[2 * (j * 2 + i) + 1];
            }
        }
        return d;
    }
}
