package org.fthmc.train;

/**
 * A learning-rate schedule: rate(step) for step = 0, 1, …. {@link #constant} and the warm-up / hold / linear-decay
 * schedule of docs/science.md §3.2 ({@link #warmupHoldDecay}).
 */
@FunctionalInterface
public interface LearningRate {
    double rate(long step);

    static LearningRate constant(double rate) {
        return step -> rate;
    }

    /**
     * Linear warm-up from 0 to {@code peak} over {@code warmup} steps, {@code peak} for {@code hold} steps, then a
     * linear decay to {@code end} over {@code decay} steps, and {@code end} after that.
     */
    static LearningRate warmupHoldDecay(double peak, long warmup, long hold, long decay, double end) {
        if (peak <= 0 || end < 0 || warmup < 0 || hold < 0 || decay < 0) {
            throw new IllegalArgumentException("a schedule needs peak > 0, end >= 0 and non-negative step counts");
        }
        return step -> {
            if (step < warmup) {
                return peak * (step + 1) / (double) warmup;
            }
            if (step < warmup + hold) {
                return peak;
            }
            if (step < warmup + hold + decay) {
                return peak + (end - peak) * (step - warmup - hold + 1) / (double) decay;
            }
            return end;
        };
    }
}
