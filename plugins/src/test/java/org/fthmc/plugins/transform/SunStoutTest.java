package org.fthmc.plugins.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.fthmc.config.RunConfig;
import org.fthmc.dsl.CompiledGraph;
import org.fthmc.dsl.Input;
import org.fthmc.dsl.Node;
import org.fthmc.dsl.Type;
import org.fthmc.field.LinkField;
import org.fthmc.group.SUN;
import org.fthmc.lattice.Lattice;
import org.fthmc.math.ComplexMatrices;
import org.fthmc.parallel.SiteLoops;
import org.fthmc.rng.Purpose;
import org.fthmc.rng.RandomKey;
import org.fthmc.run.RunPlan;
import org.fthmc.spi.FieldTransform;
import org.fthmc.spi.PluginRegistry;
import org.fthmc.spi.Weights;
import org.junit.jupiter.api.Test;

/** The SU(N) stout transforms: stout = sun-masked-stout with matching coefficients; the per-link ln det is docs/science.md §3.1's. */
class SunStoutTest {
    private static final PluginRegistry REGISTRY = PluginRegistry.discover();

    private static RunPlan plan(String transform) {
        return RunPlan.build(RunConfig.parse("lattice { dims = [4, 2, 2, 2], group = su3 }\naction { type = sun-wilson, beta = 5 }\n"
                + "transform { " + transform + " }\nhmc.threads = 1\nmeasurements.observables = []\n", "stout", List.of()), REGISTRY);
    }

    @Test
    void stoutEqualsTheMaskedStoutSliceWithTheSameCoefficients() {
        double rho = 0.07;
        try (RunPlan stout = plan("type = stout, rho = " + rho); RunPlan masked = plan("type = sun-masked-stout")) {
            FieldTransform s = stout.transform().orElseThrow();
            FieldTransform m = masked.transform().orElseThrow();
            // c/n_s = (1.5/π) atan(w)/6 = ρ
            double w = Math.tan(rho * 6 * Math.PI / 1.5);
            for (Weights.Tensor t : m.weights().tensors()) {
                java.util.Arrays.fill(t.values(), w);
            }
            LinkField v = LinkField.hot(stout.lattice(), stout.group(), 4, 0);
            LinkField us = new LinkField(stout.lattice(), stout.group());
            LinkField um = new LinkField(stout.lattice(), stout.group());
            double logJs = s.forward(v, us);
            double logJm = m.forward(v, um);
            assertTrue(us.maxDistance(um) < 1e-14, "maps differ by " + us.maxDistance(um));
            assertEquals(logJs, logJm, 1e-12);
            assertTrue(us.maxDistance(v) > 0.01, "the map must move the links");
        }
    }

    @Test
    void chairsAddFortyEightStaplesPerSliceAndMoveTheMap() {
        try (RunPlan plain = plan("type = sun-masked-stout"); RunPlan chairs = plan("type = sun-masked-stout, chairs = true")) {
            FieldTransform p = plain.transform().orElseThrow();
            FieldTransform c = chairs.transform().orElseThrow();
            assertEquals(8 * 6, p.weights().count(), "6 plaquette staples in each of the 8 slices");
            assertEquals(8 * 54, c.weights().count(), "6 plaquette and 48 chair staples in each of the 8 slices");
            LinkField v = LinkField.hot(plain.lattice(), plain.group(), 5, 0);
            LinkField up = new LinkField(plain.lattice(), plain.group());
            LinkField uc = new LinkField(plain.lattice(), plain.group());
            p.forward(v, up);
            c.forward(v, uc);
            assertTrue(up.maxDistance(uc) > 1e-3, "the chair terms change the map");
        }
    }

    @Test
    void perLinkLogDetIsTheAnalyticFormula() {
        SUN g = SUN.of(3);
        Lattice lattice = new Lattice(3, 2);
        Input u = Node.input("U", Type.matrix(3, false));
        Input y = Node.input("Y", Type.matrix(3, false));
        CompiledGraph graph = CompiledGraph.compile(lattice, SiteLoops.serial(), List.of(SunMaskedStoutLayer.linkLogDet(g, u, y)), List.of(u, y));
        int s = g.storage();
        double[] links = new double[lattice.volume() * s];
        double[] staples = new double[lattice.volume() * s];
        RandomKey key = new RandomKey(3, 0, 0, Purpose.TEST);
        for (int x = 0; x < lattice.volume(); x++) {
            g.setRandom(links, x, key, x, 0);
            g.setRandom(staples, x, key, x, 1);
            for (int k = 0; k < s; k++) {
                staples[x * s + k] *= 0.4 + 0.1 * x; // a staple sum is not unitary: scale it
            }
        }
        double[] dsl = graph.run(links, staples).getFirst();
        for (int x = 0; x < lattice.volume(); x++) {
            assertEquals(analyticLogDet(g, links, staples, x * s), dsl[x], 1e-12, "site " + x);
        }
    }

    /**
     * ln|det(1 + 𝒥(ad_F) ∂F)|, 𝒥(A) = (1 − e^{−A})/A, (ad_F)_db = component_d([F, T_b]),
     * ∂_c F_a = tr(T_a T_c M) + tr(T_a M† T_c), M = U Y†, F = TA(Y U†) (docs/science.md §3.1), computed directly.
     */
    private static double analyticLogDet(SUN g, double[] links, double[] staples, int o) {
        int n = g.n();
        int s = g.storage();
        int dim = g.algebraDimension();
        double[] m = new double[s];
        ComplexMatrices.multiply(n, links, o, false, staples, o, true, m, 0, false);
        double[] omega = new double[s];
        ComplexMatrices.multiply(n, staples, o, false, links, o, true, omega, 0, false);
        // F = TA(Ω) as components: component_a(TA(Ω)) = component_a(Ω) since −2 Re tr(T_a ·) ignores the rest
        double[] f = new double[s];
        for (int a = 0; a < dim; a++) {
            double fa = g.component(a, omega, 0);
            for (int k = 0; k < s; k++) {
                f[k] += fa * g.generator(a)[k];
            }
        }
        double[][] ad = new double[dim][dim];
        double[][] dF = new double[dim][dim];
        double[] t1 = new double[s];
        double[] t2 = new double[s];
        for (int b = 0; b < dim; b++) {
            double[] tb = g.generator(b);
            ComplexMatrices.multiply(n, f, 0, false, tb, 0, false, t1, 0, false);
            ComplexMatrices.multiply(n, tb, 0, false, f, 0, false, t2, 0, false);
            for (int k = 0; k < s; k++) {
                t1[k] -= t2[k];
            }
            for (int d = 0; d < dim; d++) {
                ad[d][b] = g.component(d, t1, 0);
            }
            for (int a = 0; a < dim; a++) {
                double[] ta = g.generator(a);
                double[] p = new double[s];
                double[] q = new double[s];
                ComplexMatrices.multiply(n, ta, 0, false, tb, 0, false, p, 0, false);
                ComplexMatrices.multiply(n, p, 0, false, m, 0, false, q, 0, false);
                double re = trace(q, n);
                ComplexMatrices.multiply(n, ta, 0, false, m, 0, true, p, 0, false);
                ComplexMatrices.multiply(n, p, 0, false, tb, 0, false, q, 0, false);
                dF[a][b] = re + trace(q, n);
            }
        }
        // 𝒥(A) = Σ_k (−A)^k / (k+1)!
        double[][] jFn = identity(dim);
        double[][] power = identity(dim);
        double factorial = 1;
        for (int k = 1; k < 30; k++) {
            power = product(power, scaled(ad, -1));
            factorial *= k + 1;
            jFn = sum(jFn, scaled(power, 1 / factorial));
        }
        double[][] j = sum(identity(dim), product(jFn, dF));
        return org.fthmc.math.RealMatrices.logAbsDet(j);
    }

    private static double trace(double[] q, int n) {
        double re = 0;
        for (int i = 0; i < n; i++) {
            re += q[2 * (i * n + i)];
        }
        return re;
    }

    private static double[][] identity(int n) {
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            m[i][i] = 1;
        }
        return m;
    }

    private static double[][] scaled(double[][] a, double c) {
        double[][] m = new double[a.length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int k = 0; k < a.length; k++) {
                m[i][k] = c * a[i][k];
            }
        }
        return m;
    }

    private static double[][] sum(double[][] a, double[][] b) {
        double[][] m = new double[a.length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int k = 0; k < a.length; k++) {
                m[i][k] = a[i][k] + b[i][k];
            }
        }
        return m;
    }

    private static double[][] product(double[][] a, double[][] b) {
        int n = a.length;
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                for (int l = 0; l < n; l++) {
                    m[i][k] += a[i][l] * b[l][k];
                }
            }
        }
        return m;
    }
}
