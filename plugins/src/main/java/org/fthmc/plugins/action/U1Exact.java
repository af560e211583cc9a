package org.fthmc.plugins.action;

/**
 * Exact finite-volume results of 2D U(1) lattice gauge theory with the Wilson action on an L_0 × L_1 torus
 * (docs/science.md §6), from the character expansion Z = Σ_n I_n(β)^V:
 * ⟨cos θ_P⟩ = Σ_n I_n^{V−1}(I_{n−1}+I_{n+1})/2 / Σ_n I_n^V and
 * ⟨Q²⟩ = Σ_n I_n^V [V m₂(n) − V(V−1) m₁(n)²] / (4π² Σ_n I_n^V),
 * m_k(n) = ∫ φ^k e^{β cos φ} c_k(nφ) dφ / (2π I_n(β)), c_k = cos (k even), −sin (k odd).
 * Weights are taken relative to I_0^V so that large volumes do not overflow.
 */
public final class U1Exact {
    private static final int SECTORS = 25;
    private static final int QUADRATURE_INTERVALS = 20_000;

    private U1Exact() {
    }

    /** The modified Bessel function I_n(x) by its power series (fine for |n| ≤ 60, 0 < x ≤ 50). */
    public static double besselI(int n, double x) {
        n = Math.abs(n);
        double term = 1;
        for (int i = 1; i <= n; i++) {
            term *= x / 2 / i;
        }
        double sum = term;
        double q = x * x / 4;
        for (int k = 1; k < 500; k++) {
            term *= q / (k * (double) (k + n));
            sum += term;
            if (term < 1e-17 * sum) {
                break;
            }
        }
        return sum;
    }

    /** ⟨cos θ_P⟩ at coupling β on a lattice of volume V. */
    public static double plaquette(double beta, int volume) {
        double i0 = besselI(0, beta);
        double num = 0;
        double den = 0;
        for (int n = -SECTORS; n <= SECTORS; n++) {
            double r = besselI(n, beta) / i0;
            double w = Math.pow(r, volume - 1);
            num += w * (besselI(n - 1, beta) + besselI(n + 1, beta)) / (2 * i0);
            den += w * r;
        }
        return num / den;
    }

    /** ⟨Q²⟩ at coupling β on a lattice of volume V. */
    public static double topologicalChargeSquared(double beta, int volume) {
        double i0 = besselI(0, beta);
        double num = 0;
        double den = 0;
        for (int n = -SECTORS; n <= SECTORS; n++) {
            double in = besselI(n, beta);
            double w = Math.pow(in / i0, volume);
            if (w == 0) {
                continue;
            }
            double m1 = moment(1, n, beta) / in;
            double m2 = moment(2, n, beta) / in;
            num += w * (volume * m2 - (double) volume * (volume - 1) * m1 * m1);
            den += w;
        }
        return num / (4 * Math.PI * Math.PI * den);
    }

    /** ∫_{−π}^{π} φ^k e^{β cos φ} c_k(nφ) dφ / 2π by composite Simpson's rule. */
    private static double moment(int k, int n, double beta) {
        int m = QUADRATURE_INTERVALS;
        double h = 2 * Math.PI / m;
        double sum = 0;
        for (int i = 0; i <= m; i++) {
            double phi = -Math.PI + i * h;
            double c = k % 2 == 0 ? Math.cos(n * phi) : -Math.sin(n * phi);
            double f = Math.pow(phi, k) * Math.exp(beta * Math.cos(phi)) * c;
            double weight = i == 0 || i == m ? 1 : (i % 2 == 1 ? 4 : 2);
            sum += weight * f;
        }
        return sum * h / 3 / (2 * Math.PI);
    }
}
