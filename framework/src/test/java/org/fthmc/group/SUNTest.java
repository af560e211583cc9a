package org.fthmc.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.fthmc.rng.Purpose;
import org.fthmc.rng.RandomKey;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SUNTest {
    private static double[] multiply(int n, double[] a, double[] b) {
        double[] c = new double[2 * n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    double ar = a[2 * (i * n + k)];
                    double ai = a[2 * (i * n + k) + 1];
                    double br = b[2 * (k * n + j)];
                    double bi = b[2 * (k * n + j) + 1];
                    c[2 * (i * n + j)] += ar * br - ai * bi;
                    c[2 * (i * n + j) + 1] += ar * bi + ai * br;
                }
            }
        }
        return c;
    }

    private static double[] dagger(int n, double[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                d[2 * (i * n + j)] = a[2 * (j * n + i)];
                d[2 * (i * n + j) + 1] = -a[2 * (j * n + i) + 1];
            }
        }
        return d;
    }

    /** max |U U† − 1| and |det U − 1|. */
    private static void assertSpecialUnitary(SUN g, double[] u, double tolerance) {
        int n = g.n();
        double[] p = multiply(n, u, dagger(n, u));
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                assertEquals(i == j ? 1 : 0, p[2 * (i * n + j)], tolerance);
                assertEquals(0, p[2 * (i * n + j) + 1], tolerance);
            }
        }
        double[] det = g.determinant(u);
        assertEquals(1, det[0], tolerance);
        assertEquals(0, det[1], tolerance);
    }

    private static double[] randomAlgebra(SUN g, Random r, double size) {
        double[] x = new double[g.storage()];
        for (int a = 0; a < g.algebraDimension(); a++) {
            double c = size * (2 * r.nextDouble() - 1);
            for (int k = 0; k < x.length; k++) {
                x[k] += c * g.generator(a)[k];
            }
        }
        return x;
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4})
    void generatorsAreAntiHermitianTracelessAndNormalised(int n) {
        SUN g = SUN.of(n);
        for (int a = 0; a < g.algebraDimension(); a++) {
            double[] t = g.generator(a);
            double[] td = dagger(n, t);
            for (int k = 0; k < t.length; k++) {
                assertEquals(-t[k], td[k], 0);
            }
            for (int b = 0; b < g.algebraDimension(); b++) {
                double[] tt = multiply(n, t, g.generator(b));
                double trace = 0;
                for (int i = 0; i < n; i++) {
                    trace += tt[2 * (i * n + i)];
                }
                assertEquals(a == b ? -0.5 : 0, trace, 1e-15, "tr(T_" + a + " T_" + b + ")");
                assertEquals(a == b ? 1 : 0, g.component(b, t, 0), 1e-15);
            }
        }
    }

    /** 1e-14 for SU(2) and SU(3) (docs/science.md's bar); rounding in the squarings grows with N, so 1e-13 for SU(5). */
    @ParameterizedTest
    @ValueSource(ints = {2, 3, 5})
    void exponentialIsSpecialUnitaryToRounding(int n) {
        SUN g = SUN.of(n);
        double tolerance = n <= 3 ? 1e-14 : 1e-13;
        Random r = new Random(n);
        for (int i = 0; i < 50; i++) {
            double[] x = randomAlgebra(g, r, 3);
            double[] e = new double[g.storage()];
            g.exp(x, e);
            assertSpecialUnitary(g, e, tolerance);
            double[] minus = x.clone();
            for (int k = 0; k < minus.length; k++) {
                minus[k] = -minus[k];
            }
            double[] inverse = new double[g.storage()];
            g.exp(minus, inverse);
            double[] one = multiply(n, e, inverse);
            for (int a = 0; a < n; a++) {
                assertEquals(1, one[2 * (a * n + a)], tolerance);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void exponentialOfADiagonalGeneratorIsAPhase(int n) {
        SUN g = SUN.of(n);
        double[] x = g.generator(2).clone(); // λ_3 / T_3 = −i/2 diag(1, −1, 0, ...)
        for (int k = 0; k < x.length; k++) {
            x[k] *= 2 * 0.9;
        }
        double[] e = new double[g.storage()];
        g.exp(x, e);
        assertEquals(Math.cos(0.9), e[0], 1e-15);
        assertEquals(-Math.sin(0.9), e[1], 1e-15);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void haarRandomElementsAndReunitarisation(int n) {
        SUN g = SUN.of(n);
        double[] links = new double[10 * g.storage()];
        RandomKey key = new RandomKey(3, 0, 0, Purpose.TEST);
        for (int l = 0; l < 10; l++) {
            g.setRandom(links, l, key, l, 0);
            double[] u = java.util.Arrays.copyOfRange(links, l * g.storage(), (l + 1) * g.storage());
            assertSpecialUnitary(g, u, 1e-14);
        }
        double[] perturbed = links.clone();
        for (int k = 0; k < perturbed.length; k++) {
            perturbed[k] += 1e-9 * Math.sin(k);
        }
        g.normalise(perturbed, 0, 10);
        for (int l = 0; l < 10; l++) {
            assertSpecialUnitary(g, java.util.Arrays.copyOfRange(perturbed, l * g.storage(), (l + 1) * g.storage()), 1e-14);
            assertEquals(0, g.distance(links, perturbed, l), 1e-8);
        }
        double[] again = new double[g.storage()];
        g.setRandom(again, 0, key, 0, 0);
        assertEquals(links[0], again[0]);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void evolveMultipliesByTheExponentialOfTheMomentum(int n) {
        SUN g = SUN.of(n);
        double[] links = new double[g.storage()];
        g.setRandom(links, 0, new RandomKey(1, 0, 0, Purpose.TEST), 0, 0);
        double[] u = links.clone();
        double[] p = new double[g.algebraDimension()];
        double[] x = new double[g.storage()];
        for (int a = 0; a < p.length; a++) {
            p[a] = 0.3 * (a + 1) - 1;
            for (int k = 0; k < x.length; k++) {
                x[k] += 0.7 * p[a] * g.generator(a)[k];
            }
        }
        g.evolve(links, p, 0.7, 0, 1);
        double[] e = new double[g.storage()];
        g.exp(x, e);
        double[] expected = multiply(n, e, u);
        for (int k = 0; k < expected.length; k++) {
            assertEquals(expected[k], links[k], 1e-15);
        }
    }

    @org.junit.jupiter.api.Test
    void cayleyHamiltonExponentialEqualsTheTaylorSeries() {
        SUN g = SUN.of(3);
        Random r = new Random(9);
        double[] q2 = new double[18];
        for (int i = 0; i < 300; i++) {
            double size = new double[] {1e-9, 1e-4, 0.1, 1, 3}[i % 5];
            double[] x = randomAlgebra(g, r, size);
            if (i % 7 == 0) {
                x = g.generator(7).clone(); // degenerate eigenvalues (λ_8), both signs of det
                for (int k = 0; k < x.length; k++) {
                    x[k] *= (i % 2 == 0 ? 1 : -1) * size;
                }
            }
            double[] taylor = new double[18];
            double[] exact = new double[18];
            g.exp(x, taylor);
            g.expSu3(x, exact, q2);
            for (int k = 0; k < 18; k++) {
                assertEquals(taylor[k], exact[k], 2e-15, "entry " + k + " for size " + size);
            }
            assertSpecialUnitary(g, exact, 1e-14);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 0})
    void suNNeedsTwoColours(int n) {
        assertThrows(IllegalArgumentException.class, () -> SUN.of(n));
    }
}
