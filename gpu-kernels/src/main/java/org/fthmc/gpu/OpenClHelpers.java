package org.fthmc.gpu;

import org.fthmc.dsl.Fn;

/** The pieces of OpenCL C that the renderer shares: literals, elementwise functions, small-matrix helpers. */
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

    /** The C expression applying an elementwise DSL function. */
    static String function(Fn fn, String x) {
        return switch (fn) {
            case SIN, COS, EXP, LOG, LOG1P, TANH, ATAN, SQRT -> fn.op() + "(" + x + ")";
            case RECIP -> "(1.0 / " + x + ")";
        };
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
