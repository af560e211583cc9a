package org.fthmc.hmc;

/**
 * Tunes the number of MD steps at fixed trajectory length towards a target acceptance, one window of
 * thermalization trajectories at a time. Two mechanisms together:
 * <ul>
 *   <li>a model step: for an integrator of order p, 1 − ⟨P_acc⟩ ∝ ε^p for small ε, so the ideal factor is
 *   r = ((1 − a)/(1 − a_target))^{1/p}; it is damped (√r, clamped to [2/3, 3/2]) against window noise;</li>
 *   <li>a bracket: the fewest steps seen to reach the target ({@code high}) and the most steps seen to miss it
 *   ({@code low}); proposals stay strictly inside, and once they are adjacent the tuner settles on {@code high}.
 *   The bracket keeps the tuner from oscillating where the acceptance falls faster than the model says.</li>
 * </ul>
 * The acceptance estimate of a window is the mean of min(1, e^{−ΔH}) (less noisy than the 0/1 decisions).
 */
public final class StepSizeTuner {
    /** No step count is known to miss the target yet. */
    public static final int NO_LOW = 0;
    /** No step count is known to reach the target yet. */
    public static final int NO_HIGH = Integer.MAX_VALUE;

    private final double target;
    private final int order;
    private int steps;
    private int low;
    private int high;

    public StepSizeTuner(double target, int order, int steps, int low, int high) {
        this.target = target;
        this.order = order;
        this.steps = steps;
        this.low = low;
        this.high = high;
    }

    /** Records the window's mean acceptance at the current step count and returns the next step count. */
    public int update(double meanAcceptance) {
        if (meanAcceptance >= target) {
            high = Math.min(high, steps);
        } else {
            low = Math.max(low, steps);
        }
        double ratio = Math.pow(Math.max(1 - meanAcceptance, 1e-12) / (1 - target), 0.5 / order);
        ratio = Math.min(1.5, Math.max(2.0 / 3, ratio));
        int next = (int) Math.max(1, Math.round(steps * ratio));
        if (high != NO_HIGH && high - low <= 1) {
            next = high;
        } else {
            next = Math.max(next, low + 1);
            if (high != NO_HIGH) {
                next = Math.min(next, high - 1);
            }
        }
        steps = next;
        return steps;
    }

    public int steps() {
        return steps;
    }

    public int low() {
        return low;
    }

    public int high() {
        return high;
    }
}
