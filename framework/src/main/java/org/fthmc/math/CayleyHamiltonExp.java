package org.fthmc.math;

/**
 * The exponential of a traceless anti-Hermitian 3×3 (or 2×2) matrix Q = iH as a polynomial of degree 2 in H, and the
 * partial derivatives of its coefficients: e^{iH} = f0 + f1 H + f2 H² (f0 + f1 H for 2×2), the f_j complex functions of
 * the two invariants s = ½ tr H² and t = det H alone (Cayley–Hamilton: H³ = sH + t; for 2×2, H² = s). Differentiating
 * e^Q thus costs two matrix products (dH H + H dH) and a few scalars per direction, where a Taylor polynomial in the
 * matrix costs two products per product it has.
 * <p>
 * The f_j are summed as the power series Σ_k (iH)^k/k! with H^k = a_k + b_k H + c_k H² from the recursion
 * a_{k+1} = t c_k, b_{k+1} = a_k + s c_k, c_{k+1} = b_k (2×2: a_{k+1} = s b_k, b_{k+1} = a_k), carried as truncated
 * Taylor series in (s, t) for the derivatives ∂_s^p ∂_t^q. The series stops where a majorant of its terms (see
 * {@link #terms}) is below 10⁻¹⁸: accurate to rounding for ‖H‖ ≲ 4 (the
 * alternating terms peak near e^‖H‖/√(2π‖H‖), which rounding multiplies), and fewer terms for smaller H.
 * No transcendental function, no branch on the eigenvalues: degenerate spectra (H = 0 included) need no special case.
 */
public final class CayleyHamiltonExp {
    /** Beyond this many terms the series is cut off whatever H (‖H‖ ≈ 80, far outside the accurate range). */
    public static final int MAX_TERMS = 300;

    private CayleyHamiltonExp() {
    }

    /** How many reals {@link #derivative} writes: re, im of f0, f1 (and f2 for n = 3). */
    public static int components(int n) {
        checkSize(n);
        return 2 * (n == 2 ? 2 : 3);
    }

    /**
     * out[o ...] = ∂_s^p ∂_t^q (re f0, im f0, re f1, im f1[, re f2, im f2]) at (s, t) for an n×n H (n = 2, 3; for n = 2
     * the coefficients do not depend on t, and q must be 0).
     */
    public static void derivative(int n, int p, int q, double s, double t, double[] out, int o) {
        derivative(n, p, q, s, t, out, o, new double[scratchLength(p, q)]);
    }

    /** The same with a scratch array of at least {@link #scratchLength} doubles (loops over sites reuse one). */
    public static void derivative(int n, int p, int q, double s, double t, double[] out, int o, double[] scratch) {
        sum(n, p, q, s, t, out, o, scratch, terms(n, p, q, s, t));
    }

    /** The scratch {@link #derivative} needs for orders p, q. */
    public static int scratchLength(int p, int q) {
        return 3 * (p + 1) * (q + 1);
    }

    /**
     * The series summed to a given number of terms (tests compare with a long sum). The scratch holds the Taylor
     * coefficients of order (i, l) ≤ (p, q) in (δs, δt) of a_k, b_k, c_k at i(q + 1) + l, updated in place from the
     * highest order down (each reads its own and lower orders of the previous k).
     */
    static void sum(int n, int p, int q, double s, double t, double[] out, int o, double[] scratch, int terms) {
        checkSize(n);
        if (p < 0 || q < 0 || (n == 2 && q > 0)) {
            throw new IllegalArgumentException("derivative orders p = " + p + ", q = " + q + " for n = " + n);
        }
        int w = q + 1;
        int size = (p + 1) * w;
        int b0 = size;
        int c0 = 2 * size;
        java.util.Arrays.fill(scratch, 0, 3 * size, 0);
        scratch[0] = 1;
        int top = size - 1;
        double f0e = 0;
        double f0o = 0;
        double f1e = 0;
        double f1o = 0;
        double f2e = 0;
        double f2o = 0;
        double weight = 1; // 1/k!
        for (int k = 0; k < terms; k++) {
            // i^k/k!: real for even k, imaginary for odd, sign (−1)^⌊k/2⌋
            double signed = (k & 2) == 0 ? weight : -weight;
            if ((k & 1) == 0) {
                f0e += signed * scratch[top];
                f1e += signed * scratch[b0 + top];
                f2e += signed * scratch[c0 + top];
            } else {
                f0o += signed * scratch[top];
                f1o += signed * scratch[b0 + top];
                f2o += signed * scratch[c0 + top];
            }
            if (n == 3) {
                for (int x = top; x >= 0; x--) {
                    double c = scratch[c0 + x];
                    double a = t * c + (x % w > 0 ? scratch[c0 + x - 1] : 0);
                    double b = scratch[x] + s * c + (x >= w ? scratch[c0 + x - w] : 0);
                    scratch[c0 + x] = scratch[b0 + x];
                    scratch[x] = a;
                    scratch[b0 + x] = b;
                }
            } else {
                for (int x = top; x >= 0; x--) {
                    double a = s * scratch[b0 + x] + (x >= w ? scratch[b0 + x - w] : 0);
                    scratch[b0 + x] = scratch[x];
                    scratch[x] = a;
                }
            }
            weight /= k + 1;
        }
        double factorials = factorials(p, q);
        out[o] = factorials * f0e;
        out[o + 1] = factorials * f0o;
        out[o + 2] = factorials * f1e;
        out[o + 3] = factorials * f1o;
        if (n == 3) {
            out[o + 4] = factorials * f2e;
            out[o + 5] = factorials * f2o;
        }
    }

    /**
     * The terms summed: up to the first k past the peak of the majorant ρ^{k−2p−3q} (k+1)^{p+q+2}/k! where it falls
     * below 10⁻¹⁸, with ρ = max(√(2|s|), ∛(2|t|)) ≥ the largest root of x³ = |s|x + |t|, hence ≥ the spectral radius of
     * H. (∂_s^p ∂_t^q of H^k's coefficients is a polynomial of degree k − 2p − 3q in the eigenvalues: s counts as two
     * of them, t as three.)
     */
    static int terms(int n, int p, int q, double s, double t) {
        double rho = Math.max(Math.sqrt(2 * Math.abs(s)), n == 3 ? Math.cbrt(2 * Math.abs(t)) : 0);
        int lowest = 2 * p + 3 * q;
        int power = p + q + 2;
        double majorant = 1; // ρ^{max(0, k − lowest)}/k!
        for (int k = 1; k < MAX_TERMS; k++) {
            majorant *= (k > lowest ? rho : 1) / k;
            if (k > 2 * rho + lowest + 2) {
                double bound = majorant;
                for (int i = 0; i < power; i++) {
                    bound *= k + 1;
                }
                if (bound < 1e-18) {
                    return k + 1;
                }
            }
        }
        return MAX_TERMS;
    }

    /** p! q!: the Taylor coefficient of order (p, q) times this is the derivative ∂_s^p ∂_t^q. */
    public static double factorials(int p, int q) {
        double f = 1;
        for (int i = 2; i <= p; i++) {
            f *= i;
        }
        for (int i = 2; i <= q; i++) {
            f *= i;
        }
        return f;
    }

    private static void checkSize(int n) {
        if (n != 2 && n != 3) {
            throw new IllegalArgumentException("Cayley–Hamilton exponential for n = 2, 3, got n = " + n);
        }
    }
}
