package org.fthmc.group;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.fthmc.math.ComplexMatrices;
import org.fthmc.rng.RandomKey;

/**
 * SU(N): a link is an N×N complex matrix stored row-major with interleaved (re, im), 2N² doubles; the algebra has
 * N² − 1 real components in the basis T_a = −i λ_a / 2 of generalised Gell-Mann matrices, tr(T_a T_b) = −½ δ_ab
 * (docs/science.md §1; for N = 3 the order is Gell-Mann's λ_1 … λ_8). The exponential is evaluated by scaling and
 * squaring of a Taylor series whose degree is chosen for a remainder below 1e-17, accurate to rounding (unitarity
 * and det = 1 to about 1e-15).
 */
public final class SUN implements LinkGroup {
    private static final Map<Integer, SUN> CACHE = new ConcurrentHashMap<>();
    private static final int TAYLOR_DEGREE = 18;

    private final int n;
    private final double[][] generators;

    private SUN(int n) {
        this.n = n;
        this.generators = generators(n);
    }

    /** SU(n) for n ≥ 2. */
    public static SUN of(int n) {
        if (n < 2) {
            throw new IllegalArgumentException("SU(N) needs N >= 2, got " + n);
        }
        return CACHE.computeIfAbsent(n, SUN::new);
    }

    public int n() {
        return n;
    }

    @Override
    public String name() {
        return "su" + n;
    }

    @Override
    public int storage() {
        return 2 * n * n;
    }

    @Override
    public int algebraDimension() {
        return n * n - 1;
    }

    /** T_a as a 2N² array (row-major, interleaved re/im); read only. */
    public double[] generator(int a) {
        return generators[a];
    }

    @Override
    public void setIdentity(double[] links, int link) {
        int o = link * storage();
        java.util.Arrays.fill(links, o, o + storage(), 0);
        for (int i = 0; i < n; i++) {
            links[o + 2 * (i * n + i)] = 1;
        }
    }

    /**
     * A Haar-random element: Gram–Schmidt orthonormalisation of a matrix of complex Gaussians (Haar on U(N)),
     * divided by a root of its determinant (Haar on SU(N)).
     */
    @Override
    public void setRandom(double[] links, int link, RandomKey key, int site, int index) {
        double[] m = new double[storage()];
        for (int k = 0; k < n * n; k++) {
            key.gaussianPair(site, index * n * n + k, m, 2 * k);
        }
        projectToGroup(m);
        System.arraycopy(m, 0, links, link * storage(), storage());
    }

    @Override
    public void evolve(double[] links, double[] momenta, double eps, int fromLink, int toLink) {
        int s = storage();
        int d = algebraDimension();
        double[] x = new double[s];
        double[] e = new double[s];
        double[] u = new double[s];
        double[][] scratch = {new double[s], new double[s], new double[s], identity()};
        for (int l = fromLink; l < toLink; l++) {
            java.util.Arrays.fill(x, 0);
            for (int a = 0; a < d; a++) {
                double c = eps * momenta[l * d + a];
                double[] t = generators[a];
                for (int k = 0; k < s; k++) {
                    x[k] += c * t[k];
                }
            }
            if (n == 3) {
                expSu3(x, e, scratch[0]);
            } else {
                exp(x, e, scratch);
            }
            System.arraycopy(links, l * s, u, 0, s);
            multiply(e, u, links, l * s);
        }
    }

    @Override
    public double distance(double[] a, double[] b, int link) {
        double max = 0;
        for (int k = link * storage(); k < (link + 1) * storage(); k++) {
            max = Math.max(max, Math.abs(a[k] - b[k]));
        }
        return max;
    }

    /** Re-unitarises: Gram–Schmidt on the rows and a phase that makes det = 1. */
    @Override
    public void normalise(double[] links, int fromLink, int toLink) {
        double[] m = new double[storage()];
        for (int l = fromLink; l < toLink; l++) {
            System.arraycopy(links, l * storage(), m, 0, storage());
            projectToGroup(m);
            System.arraycopy(m, 0, links, l * storage(), storage());
        }
    }

    /** p_a = −2 tr(T_a F): the algebra components of an anti-Hermitian traceless F (2N² doubles at offset o). */
    public double component(int a, double[] f, int o) {
        double[] t = generators[a];
        double re = 0;
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                double tr = t[2 * (i * n + k)];
                double ti = t[2 * (i * n + k) + 1];
                double fr = f[o + 2 * (k * n + i)];
                double fi = f[o + 2 * (k * n + i) + 1];
                re += tr * fr - ti * fi;
            }
        }
        return -2 * re;
    }

    /** e = exp(x) for an N×N complex matrix x, by scaling and squaring of a Taylor series. */
    public void exp(double[] x, double[] e) {
        int s = storage();
        exp(x, e, new double[][] {new double[s], new double[s], new double[s], identity()});
    }

    /** exp with caller-provided scratch: three 2N² arrays and the identity. */
    private void exp(double[] x, double[] e, double[][] scratch) {
        double norm = 0;
        for (double v : x) {
            norm = Math.max(norm, Math.abs(v));
        }
        int squarings = Math.max(0, (int) Math.ceil(Math.log(norm * n * 4 + 1e-300) / Math.log(2)));
        double scale = Math.scalb(1.0, -squarings);
        // the Taylor degree needed for a remainder below 1e-17 of the operator norm bound b = n · max|y_ij| ≤ 1/4
        double bound = norm * n * scale;
        int degree = 1;
        double term = bound;
        while (degree < TAYLOR_DEGREE && term > 1e-17) {
            degree++;
            term *= bound / degree;
        }
        int s = storage();
        double[] y = scratch[0];
        double[] acc = scratch[1];
        double[] tmp = scratch[2];
        double[] id = scratch[3];
        for (int k = 0; k < s; k++) {
            y[k] = x[k] * scale;
        }
        // Horner: e = 1 + y (1 + y/2 (1 + y/3 (...)))
        System.arraycopy(id, 0, acc, 0, s);
        for (int k = degree; k >= 1; k--) {
            multiply(y, acc, tmp, 0);
            for (int i = 0; i < s; i++) {
                acc[i] = id[i] + tmp[i] / k;
            }
        }
        for (int i = 0; i < squarings; i++) {
            multiply(acc, acc, tmp, 0);
            System.arraycopy(tmp, 0, acc, 0, s);
        }
        System.arraycopy(acc, 0, e, 0, s);
    }

    /**
     * e = exp(X) for X in su(3), exactly, by Cayley–Hamilton (Morningstar and Peardon, PRD 69 (2004) 054501):
     * with Q = −iX Hermitian traceless, e^{iQ} = f0 + f1 Q + f2 Q², the f_j from c0 = det Q and c1 = ½ tr Q².
     * Tiny X (c1 < 1e-16) goes through the Taylor series. q2 is scratch (18 doubles).
     */
    void expSu3(double[] x, double[] e, double[] q2) {
        // Q = −iX: Q_re = X_im, Q_im = −X_re
        double[] q = new double[18];
        for (int k = 0; k < 9; k++) {
            q[2 * k] = x[2 * k + 1];
            q[2 * k + 1] = -x[2 * k];
        }
        multiply(q, q, q2, 0);
        double c1 = 0.5 * (q2[0] + q2[8] + q2[16]);
        if (c1 < 1e-16) {
            exp(x, e);
            return;
        }
        // c0 = det Q = (1/3) tr Q³ (real for Hermitian traceless Q)
        double c0 = 0;
        for (int i = 0; i < 3; i++) {
            for (int k = 0; k < 3; k++) {
                c0 += q[2 * (i * 3 + k)] * q2[2 * (k * 3 + i)] - q[2 * (i * 3 + k) + 1] * q2[2 * (k * 3 + i) + 1];
            }
        }
        c0 /= 3;
        boolean negative = c0 < 0;
        double c0abs = Math.abs(c0);
        double c0max = 2 * Math.pow(c1 / 3, 1.5);
        double theta = Math.acos(Math.min(1, c0abs / c0max));
        double u = Math.sqrt(c1 / 3) * Math.cos(theta / 3);
        double w = Math.sqrt(c1) * Math.sin(theta / 3);
        double u2 = u * u;
        double w2 = w * w;
        double xi0 = Math.abs(w) < 0.05 ? 1 - w2 / 6 * (1 - w2 / 20 * (1 - w2 / 42)) : Math.sin(w) / w;
        double cw = Math.cos(w);
        double e2r = Math.cos(2 * u);
        double e2i = Math.sin(2 * u);
        double emr = Math.cos(u);
        double emi = -Math.sin(u);
        // h0 = (u² − w²) e^{2iu} + e^{−iu} [8u² cos w + 2iu(3u² + w²) ξ0]
        double[] h0 = add(scale(u2 - w2, e2r, e2i), times(emr, emi, 8 * u2 * cw, 2 * u * (3 * u2 + w2) * xi0));
        // h1 = 2u e^{2iu} − e^{−iu} [2u cos w − i(3u² − w²) ξ0]
        double[] h1 = add(scale(2 * u, e2r, e2i), negate(times(emr, emi, 2 * u * cw, -(3 * u2 - w2) * xi0)));
        // h2 = e^{2iu} − e^{−iu} [cos w + 3iu ξ0]
        double[] h2 = add(new double[] {e2r, e2i}, negate(times(emr, emi, cw, 3 * u * xi0)));
        double d = 9 * u2 - w2;
        double[] f0 = {h0[0] / d, h0[1] / d};
        double[] f1 = {h1[0] / d, h1[1] / d};
        double[] f2 = {h2[0] / d, h2[1] / d};
        if (negative) {
            f0[1] = -f0[1];
            f1[0] = -f1[0];
            f2[1] = -f2[1];
        }
        for (int k = 0; k < 9; k++) {
            double re = f1[0] * q[2 * k] - f1[1] * q[2 * k + 1] + f2[0] * q2[2 * k] - f2[1] * q2[2 * k + 1];
            double im = f1[0] * q[2 * k + 1] + f1[1] * q[2 * k] + f2[0] * q2[2 * k + 1] + f2[1] * q2[2 * k];
            e[2 * k] = re;
            e[2 * k + 1] = im;
        }
        for (int i = 0; i < 3; i++) {
            e[2 * (i * 3 + i)] += f0[0];
            e[2 * (i * 3 + i) + 1] += f0[1];
        }
    }

    private static double[] scale(double c, double re, double im) {
        return new double[] {c * re, c * im};
    }

    private static double[] times(double ar, double ai, double br, double bi) {
        return new double[] {ar * br - ai * bi, ar * bi + ai * br};
    }

    private static double[] add(double[] a, double[] b) {
        return new double[] {a[0] + b[0], a[1] + b[1]};
    }

    private static double[] negate(double[] a) {
        return new double[] {-a[0], -a[1]};
    }

    private double[] identity() {
        double[] id = new double[storage()];
        for (int i = 0; i < n; i++) {
            id[2 * (i * n + i)] = 1;
        }
        return id;
    }

    /** out[o ..] = a · b (N×N complex). */
    private void multiply(double[] a, double[] b, double[] out, int o) {
        ComplexMatrices.multiply(n, a, 0, false, b, 0, false, out, o, false);
    }

    /** Makes m special unitary: Gram–Schmidt on its rows, then division by det^{1/N}. */
    private void projectToGroup(double[] m) {
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < i; p++) {
                // m_i -= <m_p, m_i> m_p
                double cr = 0;
                double ci = 0;
                for (int k = 0; k < n; k++) {
                    double pr = m[2 * (p * n + k)];
                    double pi = m[2 * (p * n + k) + 1];
                    double xr = m[2 * (i * n + k)];
                    double xi = m[2 * (i * n + k) + 1];
                    cr += pr * xr + pi * xi;
                    ci += pr * xi - pi * xr;
                }
                for (int k = 0; k < n; k++) {
                    double pr = m[2 * (p * n + k)];
                    double pi = m[2 * (p * n + k) + 1];
                    m[2 * (i * n + k)] -= cr * pr - ci * pi;
                    m[2 * (i * n + k) + 1] -= cr * pi + ci * pr;
                }
            }
            double norm = 0;
            for (int k = 0; k < 2 * n; k++) {
                norm += m[2 * i * n + k] * m[2 * i * n + k];
            }
            norm = Math.sqrt(norm);
            for (int k = 0; k < 2 * n; k++) {
                m[2 * i * n + k] /= norm;
            }
        }
        double[] det = determinant(m);
        double phase = Math.atan2(det[1], det[0]) / n;
        double c = Math.cos(phase);
        double s = -Math.sin(phase);
        for (int k = 0; k < n * n; k++) {
            double re = m[2 * k];
            double im = m[2 * k + 1];
            m[2 * k] = re * c - im * s;
            m[2 * k + 1] = re * s + im * c;
        }
    }

    /** det of an N×N complex matrix by Gaussian elimination with partial pivoting. */
    public double[] determinant(double[] matrix) {
        double[] a = matrix.clone();
        double dr = 1;
        double di = 0;
        for (int col = 0; col < n; col++) {
            int pivot = col;
            double best = -1;
            for (int r = col; r < n; r++) {
                double mag = Math.hypot(a[2 * (r * n + col)], a[2 * (r * n + col) + 1]);
                if (mag > best) {
                    best = mag;
                    pivot = r;
                }
            }
            if (best == 0) {
                return new double[] {0, 0};
            }
            if (pivot != col) {
                for (int k = 0; k < 2 * n; k++) {
                    double t = a[2 * col * n + k];
                    a[2 * col * n + k] = a[2 * pivot * n + k];
                    a[2 * pivot * n + k] = t;
                }
                dr = -dr;
                di = -di;
            }
            double pr = a[2 * (col * n + col)];
            double pi = a[2 * (col * n + col) + 1];
            double nr = dr * pr - di * pi;
            di = dr * pi + di * pr;
            dr = nr;
            double den = pr * pr + pi * pi;
            for (int r = col + 1; r < n; r++) {
                double xr = a[2 * (r * n + col)];
                double xi = a[2 * (r * n + col) + 1];
                double fr = (xr * pr + xi * pi) / den;
                double fi = (xi * pr - xr * pi) / den;
                for (int k = col; k < n; k++) {
                    double cr = a[2 * (col * n + k)];
                    double cim = a[2 * (col * n + k) + 1];
                    a[2 * (r * n + k)] -= fr * cr - fi * cim;
                    a[2 * (r * n + k) + 1] -= fr * cim + fi * cr;
                }
            }
        }
        return new double[] {dr, di};
    }

    /** The generalised Gell-Mann basis T_a = −i λ_a / 2 (for each k: the symmetric and antisymmetric pairs (j, k), j < k, then the k-th diagonal). */
    private static double[][] generators(int n) {
        double[][] t = new double[n * n - 1][];
        int a = 0;
        for (int k = 1; k < n; k++) {
            for (int j = 0; j < k; j++) {
                // λ = E_jk + E_kj  →  T = −i λ / 2
                double[] sym = new double[2 * n * n];
                sym[2 * (j * n + k) + 1] = -0.5;
                sym[2 * (k * n + j) + 1] = -0.5;
                t[a++] = sym;
                // λ = −i E_jk + i E_kj  →  T = −i λ / 2 = −½ E_jk + ½ E_kj
                double[] anti = new double[2 * n * n];
                anti[2 * (j * n + k)] = -0.5;
                anti[2 * (k * n + j)] = 0.5;
                t[a++] = anti;
            }
            double[] diag = new double[2 * n * n];
            double c = Math.sqrt(2.0 / (k * (k + 1)));
            for (int j = 0; j < k; j++) {
                diag[2 * (j * n + j) + 1] = -0.5 * c;
            }
            diag[2 * (k * n + k) + 1] = 0.5 * c * k;
            t[a++] = diag;
        }
        return t;
    }
}
