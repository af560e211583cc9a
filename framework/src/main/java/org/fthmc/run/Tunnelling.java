package org.fthmc.run;

import java.util.List;
import org.fthmc.analysis.Estimate;
import org.fthmc.analysis.Jackknife;

/**
 * The tunnelling metric of SCIENCE.md §5 on a topological-charge history (one array per replica, one entry per
 * trajectory): ΔQ²(δ) = ⟨(Q_{t+δ} − Q_t)²⟩ and γ(δ) = 2 V χ_t / ΔQ²(δ) = 2⟨Q²⟩ / ΔQ²(δ), at δ = 16 MD time units,
 * with binned jackknife errors (pairs that straddle a left-out bin are left out with it).
 */
public final class Tunnelling {
    /** The MD-time separation of the metric. */
    public static final double DELTA_MD = 16;
    /** Jackknife bins per replica. */
    public static final int BINS = 20;

    private Tunnelling() {
    }

    /** The separation δ in trajectories of length {@code trajectoryLength} (at least one). */
    public static int lag(double trajectoryLength) {
        return (int) Math.max(1, Math.round(DELTA_MD / trajectoryLength));
    }

    /** True when every replica is long enough for the jackknife at this lag. */
    public static boolean enoughData(List<double[]> q, int lag) {
        return !q.isEmpty() && q.stream().mapToInt(a -> a.length).min().orElse(0) > lag + BINS;
    }

    /** ΔQ²(lag) with its jackknife error. */
    public static Estimate deltaQ2(List<double[]> q, int lag) {
        return Jackknife.estimate(q, BINS, sample -> deltaQ2(q, lag, sample));
    }

    /** γ(lag) = 2⟨Q²⟩ / ΔQ²(lag) with its jackknife error. */
    public static Estimate gamma(List<double[]> q, int lag) {
        return Jackknife.estimate(q, BINS, sample -> {
            double sum = 0;
            int n = 0;
            for (int r = 0; r < q.size(); r++) {
                for (int i = 0; i < q.get(r).length; i++) {
                    if (sample.keeps(r, i)) {
                        sum += q.get(r)[i] * q.get(r)[i];
                        n++;
                    }
                }
            }
            return 2 * (sum / n) / deltaQ2(q, lag, sample);
        });
    }

    private static double deltaQ2(List<double[]> q, int lag, Jackknife.Sample sample) {
        double sum = 0;
        int n = 0;
        for (int r = 0; r < q.size(); r++) {
            double[] a = q.get(r);
            for (int i = 0; i + lag < a.length; i++) {
                if (sample.keeps(r, i) && sample.keeps(r, i + lag)) {
                    double d = a[i + lag] - a[i];
                    sum += d * d;
                    n++;
                }
            }
        }
        return sum / n;
    }
}
