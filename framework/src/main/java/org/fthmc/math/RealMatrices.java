package org.fthmc.math;

/** Small dense real matrices (Jacobians in checks and tests). */
public final class RealMatrices {
    private RealMatrices() {
    }

    /** ln|det A| by Gaussian elimination with partial pivoting (A is not modified). */
    public static double logAbsDet(double[][] matrix) {
        int n = matrix.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            a[i] = matrix[i].clone();
        }
        double log = 0;
        for (int c = 0; c < n; c++) {
            int pivot = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) {
                    pivot = r;
                }
            }
            double[] tmp = a[c];
            a[c] = a[pivot];
            a[pivot] = tmp;
            log += Math.log(Math.abs(a[c][c]));
            for (int r = c + 1; r < n; r++) {
                double factor = a[r][c] / a[c][c];
                for (int k = c; k < n; k++) {
                    a[r][k] -= factor * a[c][k];
                }
            }
        }
        return log;
    }
}
