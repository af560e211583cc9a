package org.fthmc.gpu;

/** The pieces of OpenCL C that the renderer shares: literals and the small-matrix and series helpers. */
final class OpenClHelpers {
    private OpenClHelpers() {
    }

    /** A double as a C literal that reads back to the same value (17 significant digits). */
    static String literal(double v) {
        if (Double.isNaN(v)) {
            return "NAN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "INFINITY" : "-INFINITY";
        }
        return String.format(java.util.Locale.ROOT, "%.17e", v);
    }

    /** inverseN(a, out): out = a⁻¹ for an N×N complex matrix (Gauss–Jordan with partial pivoting; a is overwritten). */
    static String inverse(int n) {
        int c = 2 * n * n;
        return pivoting(n) + """
                void inverse%1$d(double* m, double* out) {
                  for (int k = 0; k < %2$d; k++) out[k] = 0;
                  for (int i = 0; i < %1$d; i++) out[2 * (i * %1$d + i)] = 1;
                  for (int col = 0; col < %1$d; col++) {
                    int p = pivot%1$d(m, col);
                    swap_rows%1$d(m, col, p);
                    swap_rows%1$d(out, col, p);
                    const double pr = m[2 * (col * %1$d + col)], pi = m[2 * (col * %1$d + col) + 1];
                    const double norm = pr * pr + pi * pi, ir = pr / norm, ii = -pi / norm;
                    for (int k = 0; k < %1$d; k++) {
                      double re = m[2 * (col * %1$d + k)], im = m[2 * (col * %1$d + k) + 1];
                      m[2 * (col * %1$d + k)] = re * ir - im * ii; m[2 * (col * %1$d + k) + 1] = re * ii + im * ir;
                      re = out[2 * (col * %1$d + k)]; im = out[2 * (col * %1$d + k) + 1];
                      out[2 * (col * %1$d + k)] = re * ir - im * ii; out[2 * (col * %1$d + k) + 1] = re * ii + im * ir;
                    }
                    for (int r = 0; r < %1$d; r++) {
                      if (r == col) continue;
                      const double fr = m[2 * (r * %1$d + col)], fi = m[2 * (r * %1$d + col) + 1];
                      for (int k = 0; k < %1$d; k++) {
                        double re = m[2 * (col * %1$d + k)], im = m[2 * (col * %1$d + k) + 1];
                        m[2 * (r * %1$d + k)] -= re * fr - im * fi; m[2 * (r * %1$d + k) + 1] -= re * fi + im * fr;
                        re = out[2 * (col * %1$d + k)]; im = out[2 * (col * %1$d + k) + 1];
                        out[2 * (r * %1$d + k)] -= re * fr - im * fi; out[2 * (r * %1$d + k) + 1] -= re * fi + im * fr;
                      }
                    }
                  }
                }

                """.formatted(n, c);
    }

    /**
     * exp_coefficientsN_P_Q(s, t, out): ∂_s^P ∂_t^Q of the Cayley–Hamilton exponential's coefficients, the series, its
     * cut-off and its in-place update of {@link org.fthmc.math.CayleyHamiltonExp} line for line (N = 2: f0, f1;
     * N = 3: f0, f1, f2).
     */
    static String expCoefficients(int n, int p, int q) {
        int w = q + 1;
        int size = (p + 1) * w;
        String step = n == 3 ? """
                    for (int x = %1$d; x >= 0; x--) {
                      const double c = r[%3$d + x];
                      const double na = t * c + (x %% %4$d > 0 ? r[%3$d + x - 1] : 0.0);
                      const double nb = r[x] + s * c + (x >= %4$d ? r[%3$d + x - %4$d] : 0.0);
                      r[%3$d + x] = r[%2$d + x]; r[x] = na; r[%2$d + x] = nb;
                    }
                """.formatted(size - 1, size, 2 * size, w) : """
                    for (int x = %1$d; x >= 0; x--) {
                      const double na = s * r[%2$d + x] + (x >= 1 ? r[%2$d + x - 1] : 0.0);
                      r[%2$d + x] = r[x]; r[x] = na;
                    }
                """.formatted(size - 1, size);
        return """
                void exp_coefficients%1$d_%2$d_%3$d(const double s, const double t, double* out) {
                  const double rho = fmax(sqrt(2 * fabs(s)), %4$s);
                  int terms = %5$d;
                  double majorant = 1;
                  for (int k = 1; k < %5$d; k++) {
                    majorant *= (k > %6$d ? rho : 1.0) / k;
                    if (k > 2 * rho + %6$d + 2) {
                      double bound = majorant;
                      for (int i = 0; i < %7$d; i++) bound *= k + 1;
                      if (bound < 1e-18) { terms = k + 1; break; }
                    }
                  }
                  double r[%8$d];
                  for (int x = 0; x < %8$d; x++) r[x] = 0;
                  r[0] = 1;
                  double f[6] = {0, 0, 0, 0, 0, 0};
                  double weight = 1;
                  for (int k = 0; k < terms; k++) {
                    const double signed_weight = (k & 2) == 0 ? weight : -weight;
                    const int part = k & 1;
                    f[part] += signed_weight * r[%9$d];
                    f[2 + part] += signed_weight * r[%10$d];
                    f[4 + part] += signed_weight * r[%11$d];
                %12$s    weight /= k + 1;
                  }
                  for (int j = 0; j < %13$d; j++) out[j] = %14$s * f[j];
                }

                """.formatted(n, p, q, n == 3 ? "cbrt(2 * fabs(t))" : "0.0", org.fthmc.math.CayleyHamiltonExp.MAX_TERMS,
                2 * p + 3 * q, p + q + 2, 3 * size, size - 1, 2 * size - 1, 3 * size - 1, step, 2 * n,
                literal(org.fthmc.math.CayleyHamiltonExp.factorials(p, q)));
    }

    /** log_abs_detN(a): ln|det a| for an N×N complex matrix (LU with partial pivoting; a is overwritten). */
    static String logAbsDet(int n) {
        return pivoting(n) + """
                double log_abs_det%1$d(double* m) {
                  double log_det = 0;
                  for (int col = 0; col < %1$d; col++) {
                    int p = pivot%1$d(m, col);
                    swap_rows%1$d(m, col, p);
                    const double pr = m[2 * (col * %1$d + col)], pi = m[2 * (col * %1$d + col) + 1];
                    const double norm = pr * pr + pi * pi;
                    log_det += 0.5 * log(norm);
                    for (int r = col + 1; r < %1$d; r++) {
                      const double mr = m[2 * (r * %1$d + col)], mi = m[2 * (r * %1$d + col) + 1];
                      const double fr = (mr * pr + mi * pi) / norm, fi = (mi * pr - mr * pi) / norm;
                      for (int k = 0; k < %1$d; k++) {
                        const double re = m[2 * (col * %1$d + k)], im = m[2 * (col * %1$d + k) + 1];
                        m[2 * (r * %1$d + k)] -= re * fr - im * fi; m[2 * (r * %1$d + k) + 1] -= re * fi + im * fr;
                      }
                    }
                  }
                  return log_det;
                }

                """.formatted(n);
    }

    /** The pivot search and row swap both helpers of size N use (emitted once per size and helper). */
    private static String pivoting(int n) {
        return """
                #ifndef PIVOTING%1$d
                #define PIVOTING%1$d
                int pivot%1$d(const double* m, int col) {
                  int p = col;
                  for (int r = col + 1; r < %1$d; r++) {
                    if (hypot(m[2 * (r * %1$d + col)], m[2 * (r * %1$d + col) + 1])
                        > hypot(m[2 * (p * %1$d + col)], m[2 * (p * %1$d + col) + 1])) p = r;
                  }
                  return p;
                }
                void swap_rows%1$d(double* m, int r1, int r2) {
                  if (r1 == r2) return;
                  for (int k = 0; k < 2 * %1$d; k++) {
                    const double t = m[2 * r1 * %1$d + k]; m[2 * r1 * %1$d + k] = m[2 * r2 * %1$d + k]; m[2 * r2 * %1$d + k] = t;
                  }
                }
                #endif

                """.formatted(n);
    }
}
