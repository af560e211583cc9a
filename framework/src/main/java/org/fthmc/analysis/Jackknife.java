package org.fthmc.analysis;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Binned jackknife for a derived quantity: each replica is cut into bins, one bin at a time is left out, and the
 * quantity is recomputed from the remaining data (given as the list of kept index ranges per replica).
 */
public final class Jackknife {
    /** A view of the data with one bin removed: which indices of which replica are kept. */
    public interface Sample {
        /** True when index i of replica r is in this sample. */
        boolean keeps(int replica, int i);
    }

    private Jackknife() {
    }

    /** Estimate of f over all data, with the jackknife error from {@code bins} bins per replica. */
    public static Estimate estimate(List<double[]> replicas, int bins, ToDoubleFunction<Sample> f) {
        double full = f.applyAsDouble((r, i) -> true);
        int total = replicas.size() * bins;
        double[] values = new double[total];
        int k = 0;
        for (int r = 0; r < replicas.size(); r++) {
            int length = replicas.get(r).length;
            for (int b = 0; b < bins; b++) {
                int from = (int) ((long) b * length / bins);
                int to = (int) ((long) (b + 1) * length / bins);
                int leftOut = r;
                values[k++] = f.applyAsDouble((rr, i) -> rr != leftOut || i < from || i >= to);
            }
        }
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= total;
        double var = 0;
        for (double v : values) {
            var += (v - mean) * (v - mean);
        }
        double error = Math.sqrt((total - 1.0) / total * var);
        return new Estimate(full, error, Double.NaN, Double.NaN, 0);
    }
}
