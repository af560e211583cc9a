package org.fthmc.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CayleyHamiltonExpTest {
    /** Traceless Hermitian test matrices: random of several norms, degenerate spectra, zero. */
    private static List<double[]> matrices(int n) {
        SplittableRandom random = new SplittableRandom(17);
        List<double[]> hs = new ArrayList<>();
        for (double norm : new double[] {1e-3, 0.1, 0.5, 1, 2, 4}) {
            for (int i = 0; i < 4; i++) {
                hs.add(scaled(randomHermitian(n, random), norm));
            }
        }
        double[] degenerate = new double[2 * n * n];
        degenerate[0] = 0.7;
        degenerate[2 * (n + 1)] = n == 3 ? 0.7 : -0.7;
        if (n == 3) {
            degenerate[2 * 8] = -1.4;
        }
        hs.add(degenerate);
        hs.add(new double[2 * n * n]);
        return hs;
    }

    @Test
    void coefficientsGiveTheMatrixExponential() {
        for (int n : new int[] {2, 3}) {
            for (double[] h : matrices(n)) {
                double[] f = new double[CayleyHamiltonExp.components(n)];
                CayleyHamiltonExp.derivative(n, 0, 0, invariantS(n, h), invariantT(n, h), f, 0);
                double[] h2 = new double[2 * n * n];
                ComplexMatrices.multiply(n, h, h, h2);
                double[] e = new double[2 * n * n];
                for (int i = 0; i < n * n; i++) {
                    int d = i / n == i % n ? 1 : 0;
                    e[2 * i] = f[0] * d + re(f[2], f[3], h[2 * i], h[2 * i + 1]) + (n == 3 ? re(f[4], f[5], h2[2 * i], h2[2 * i + 1]) : 0);
                    e[2 * i + 1] = f[1] * d + im(f[2], f[3], h[2 * i], h[2 * i + 1]) + (n == 3 ? im(f[4], f[5], h2[2 * i], h2[2 * i + 1]) : 0);
                }
                double[] expected = expOfI(n, h);
                for (int k = 0; k < e.length; k++) {
                    assertEquals(expected[k], e[k], 2e-14, "n = " + n + ", component " + k);
                }
            }
        }
    }

    /** Each derivative order against the central difference of the order below, for p + q ≤ 3. */
    @Test
    void derivativesMatchFiniteDifferences() {
        for (int n : new int[] {2, 3}) {
            for (double[] h : matrices(n)) {
                double s = invariantS(n, h);
                double t = invariantT(n, h);
                for (int p = 0; p <= 2; p++) {
                    for (int q = 0; p + q <= 2 && (n == 3 || q == 0); q++) {
                        assertNextOrderMatches(n, p, q, s, t, true);
                        if (n == 3) {
                            assertNextOrderMatches(n, p, q, s, t, false);
                        }
                    }
                }
            }
        }
    }

    /** The series' cut-off loses nothing against summing every term the arithmetic can see. */
    @Test
    void truncatedSeriesEqualsTheLongSum() {
        for (int n : new int[] {2, 3}) {
            for (double[] h : matrices(n)) {
                double s = invariantS(n, h);
                double t = invariantT(n, h);
                for (int p = 0; p <= 3; p++) {
                    for (int q = 0; p + q <= 3 && (n == 3 || q == 0); q++) {
                        double[] cut = new double[CayleyHamiltonExp.components(n)];
                        double[] all = new double[cut.length];
                        CayleyHamiltonExp.derivative(n, p, q, s, t, cut, 0);
                        CayleyHamiltonExp.sum(n, p, q, s, t, all, 0, new double[CayleyHamiltonExp.scratchLength(p, q)], CayleyHamiltonExp.MAX_TERMS);
                        assertTrue(CayleyHamiltonExp.terms(n, p, q, s, t) < CayleyHamiltonExp.MAX_TERMS);
                        for (int k = 0; k < cut.length; k++) {
                            assertEquals(all[k], cut[k], 1e-15 * (1 + Math.abs(all[k])), "n = " + n + ", p = " + p + ", q = " + q);
                        }
                    }
                }
            }
        }
    }

    /** The (p + 1, q) derivative (alongS, else (p, q + 1)) against the central difference of the (p, q) one. */
    private static void assertNextOrderMatches(int n, int p, int q, double s, double t, boolean alongS) {
        double[] next = new double[CayleyHamiltonExp.components(n)];
        CayleyHamiltonExp.derivative(n, alongS ? p + 1 : p, alongS ? q : q + 1, s, t, next, 0);
        double[] fd = difference(n, p, q, s, t, alongS);
        for (int k = 0; k < next.length; k++) {
            assertEquals(fd[k], next[k], 1e-7 * (1 + Math.abs(fd[k])), (alongS ? "d/ds" : "d/dt") + ", n = " + n + ", p = " + p + ", q = " + q);
        }
    }

    /** The central difference in s (or t) of the (p, q) derivative, step 1e-5 relative. */
    private static double[] difference(int n, int p, int q, double s, double t, boolean alongS) {
        double x = alongS ? s : t;
        double step = 1e-5 * Math.max(1, Math.abs(x));
        double[] plus = new double[CayleyHamiltonExp.components(n)];
        double[] minus = new double[plus.length];
        CayleyHamiltonExp.derivative(n, p, q, alongS ? s + step : s, alongS ? t : t + step, plus, 0);
        CayleyHamiltonExp.derivative(n, p, q, alongS ? s - step : s, alongS ? t : t - step, minus, 0);
        double[] d = new double[plus.length];
        for (int k = 0; k < d.length; k++) {
            d[k] = (plus[k] - minus[k]) / (2 * step);
        }
        return d;
    }

    /** e^{iH} by scaling to a norm ≤ ½, a 30-term Taylor sum and as many squarings. */
    private static double[] expOfI(int n, double[] h) {
        int c = 2 * n * n;
        double[] x = new double[c];
        int squarings = Math.max(0, Math.getExponent(Math.sqrt(2 * invariantS(n, h))) + 2);
        double scale = Math.scalb(1.0, -squarings);
        for (int i = 0; i < n * n; i++) {
            x[2 * i] = -h[2 * i + 1] * scale;
            x[2 * i + 1] = h[2 * i] * scale;
        }
        double[] sum = identity(n);
        double[] term = identity(n);
        double[] product = new double[c];
        for (int k = 1; k <= 30; k++) {
            ComplexMatrices.multiply(n, term, x, product);
            for (int j = 0; j < c; j++) {
                term[j] = product[j] / k;
                sum[j] += term[j];
            }
        }
        for (int i = 0; i < squarings; i++) {
            ComplexMatrices.multiply(n, sum, sum, product);
            System.arraycopy(product, 0, sum, 0, c);
        }
        return sum;
    }

    private static double[] identity(int n) {
        double[] e = new double[2 * n * n];
        for (int i = 0; i < n; i++) {
            e[2 * (i * n + i)] = 1;
        }
        return e;
    }

    /** s = ½ tr H² = ½ Σ |H_ij|². */
    private static double invariantS(int n, double[] h) {
        double s = 0;
        for (double v : h) {
            s += v * v;
        }
        return s / 2;
    }

    /** t = det H (real for Hermitian H), by cofactors. */
    private static double invariantT(int n, double[] h) {
        if (n == 2) {
            return 0;
        }
        double[] m1 = minor(h, 4, 8, 5, 7);
        double[] m2 = minor(h, 3, 8, 5, 6);
        double[] m3 = minor(h, 3, 7, 4, 6);
        return re(h[0], h[1], m1[0], m1[1]) - re(h[2], h[3], m2[0], m2[1]) + re(h[4], h[5], m3[0], m3[1]);
    }

    /** h[a] h[b] − h[c] h[d] (complex entries by index). */
    private static double[] minor(double[] h, int a, int b, int c, int d) {
        return new double[] {
            re(h[2 * a], h[2 * a + 1], h[2 * b], h[2 * b + 1]) - re(h[2 * c], h[2 * c + 1], h[2 * d], h[2 * d + 1]),
            im(h[2 * a], h[2 * a + 1], h[2 * b], h[2 * b + 1]) - im(h[2 * c], h[2 * c + 1], h[2 * d], h[2 * d + 1])
        };
    }

    private static double re(double ar, double ai, double br, double bi) {
        return ar * br - ai * bi;
    }

    private static double im(double ar, double ai, double br, double bi) {
        return ar * bi + ai * br;
    }

    /** A random traceless Hermitian n×n matrix with Frobenius norm 1, before scaling. */
    private static double[] randomHermitian(int n, SplittableRandom random) {
        double[] h = new double[2 * n * n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double re = random.nextGaussian();
                double im = i == j ? 0 : random.nextGaussian();
                h[2 * (i * n + j)] = re;
                h[2 * (i * n + j) + 1] = im;
                h[2 * (j * n + i)] = re;
                h[2 * (j * n + i) + 1] = -im;
            }
        }
        double trace = 0;
        for (int i = 0; i < n; i++) {
            trace += h[2 * (i * n + i)];
        }
        for (int i = 0; i < n; i++) {
            h[2 * (i * n + i)] -= trace / n;
        }
        return scaled(h, 1 / Math.sqrt(2 * invariantS(n, h)));
    }

    private static double[] scaled(double[] h, double factor) {
        double[] r = h.clone();
        for (int i = 0; i < r.length; i++) {
            r[i] *= factor;
        }
        return r;
    }
}
