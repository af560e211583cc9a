package org.fthmc.math;

/**
 * Gaussian elimination with partial pivoting on one complex n×n matrix (interleaved re, im, row-major): the inverse
 * and ln|det|, per site, for the DSL's {@code inverse} and {@code logAbsDet} on every CPU backend.
 */
public final class PivotedElimination {
    private PivotedElimination() {
    }

    /** out[o ...] = m⁻¹ by Gauss–Jordan; m (2n² doubles) is overwritten. */
    public static void invert(int n, double[] m, double[] out, int o) {
        java.util.Arrays.fill(out, o, o + 2 * n * n, 0);
        for (int i = 0; i < n; i++) {
            out[o + 2 * (i * n + i)] = 1;
        }
        for (int col = 0; col < n; col++) {
            int pivot = pivotRow(m, n, col);
            swapRows(m, 0, n, col, pivot);
            swapRows(out, o, n, col, pivot);
            double pr = m[2 * (col * n + col)];
            double pi = m[2 * (col * n + col) + 1];
            double norm = pr * pr + pi * pi;
            double ir = pr / norm;
            double ii = -pi / norm;
            scaleRow(m, 0, n, col, ir, ii);
            scaleRow(out, o, n, col, ir, ii);
            for (int r = 0; r < n; r++) {
                if (r == col) {
                    continue;
                }
                double fr = m[2 * (r * n + col)];
                double fi = m[2 * (r * n + col) + 1];
                subtractRow(m, 0, n, r, col, fr, fi);
                subtractRow(out, o, n, r, col, fr, fi);
            }
        }
    }

    /** ln|det m| by LU; m (2n² doubles) is overwritten. */
    public static double logAbsDet(int n, double[] m) {
        double log = 0;
        for (int col = 0; col < n; col++) {
            int pivot = pivotRow(m, n, col);
            swapRows(m, 0, n, col, pivot);
            double pr = m[2 * (col * n + col)];
            double pi = m[2 * (col * n + col) + 1];
            double norm = pr * pr + pi * pi;
            log += 0.5 * Math.log(norm);
            for (int r = col + 1; r < n; r++) {
                // factor = m[r][col] / pivot
                double mr = m[2 * (r * n + col)];
                double mi = m[2 * (r * n + col) + 1];
                double fr = (mr * pr + mi * pi) / norm;
                double fi = (mi * pr - mr * pi) / norm;
                subtractRow(m, 0, n, r, col, fr, fi);
            }
        }
        return log;
    }

    /** The row at or below col with the largest |m[row][col]|. */
    private static int pivotRow(double[] m, int n, int col) {
        int pivot = col;
        for (int r = col + 1; r < n; r++) {
            if (Math.hypot(m[2 * (r * n + col)], m[2 * (r * n + col) + 1])
                    > Math.hypot(m[2 * (pivot * n + col)], m[2 * (pivot * n + col) + 1])) {
                pivot = r;
            }
        }
        return pivot;
    }

    private static void swapRows(double[] m, int o, int n, int r1, int r2) {
        if (r1 == r2) {
            return;
        }
        for (int k = 0; k < 2 * n; k++) {
            double t = m[o + 2 * r1 * n + k];
            m[o + 2 * r1 * n + k] = m[o + 2 * r2 * n + k];
            m[o + 2 * r2 * n + k] = t;
        }
    }

    /** row r ← (sr + i si) · row r. */
    private static void scaleRow(double[] m, int o, int n, int r, double sr, double si) {
        for (int k = 0; k < n; k++) {
            int e = o + 2 * (r * n + k);
            double re = m[e];
            double im = m[e + 1];
            m[e] = re * sr - im * si;
            m[e + 1] = re * si + im * sr;
        }
    }

    /** row r ← row r − (fr + i fi) · row p. */
    private static void subtractRow(double[] m, int o, int n, int r, int p, double fr, double fi) {
        for (int k = 0; k < n; k++) {
            int e = o + 2 * (r * n + k);
            int q = o + 2 * (p * n + k);
            double re = m[q];
            double im = m[q + 1];
            m[e] -= re * fr - im * fi;
            m[e + 1] -= re * fi + im * fr;
        }
    }
}
