package org.fthmc.run;

import java.util.List;
import org.fthmc.analysis.Estimate;
import org.fthmc.analysis.Jackknife;

/**
 * The tunnelling metric of docs/science.md §5 on a topological-charge history (one array per replica, one entry per
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

    /**
     * The jackknife bins (of {@link #BINS} per replica) holding a start i where the charge moved by at least one unit
     * over the lag, |Q_{i+lag} − Q_i| > ½: the independent tunnelling evidence the errors of ΔQ² and γ rest on.
     */
    public static int tunnellingBins(List<double[]> q, int lag) {
        int count = 0;
        for (double[] a : q) {
            for (int b = 0; b < BINS; b++) {
                int from = (int) ((long) b * a.length / BINS);
                int to = Math.min((int) ((long) (b + 1) * a.length / BINS), a.length - lag);
                for (int i = from; i < to; i++) {
                    if (Math.abs(a[i + lag] - a[i]) > 0.5) {
                        count++;
                        break;
                    }
                }
            }
        }
        return count;
    }

    /**
     * A warning when the charge moved in fewer than half of the jackknife bins: the errors of ΔQ² and γ then rest on
     * a handful of tunnelling events and are not to be trusted (with one such bin, leaving it out gives ΔQ² ≈ 0 and
     * an absurd error of γ). Null when there is enough tunnelling.
     */
    public static String sparseTunnellingWarning(List<double[]> q, int lag) {
        int bins = tunnellingBins(q, lag);
        int total = q.size() * BINS;
        if (2 * bins >= total) {
            return null;
        }
        return "the charge moved over " + lag + " trajectories in only " + bins + " of " + total
                + " jackknife bins: too little tunnelling for reliable errors of dQ2 and gamma (run longer)";
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
