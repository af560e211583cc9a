package org.fthmc.hmc;

/**
 * Tunes the number of steps at fixed trajectory length towards a target acceptance. For an integrator of order p,
 * 1 − ⟨P_acc⟩ ≈ √(⟨ΔH⟩/π) ∝ ε^p, so steps are scaled by ((1 − a)/(1 − a_target))^{1/p}, by a factor in [½, 2].
 * The acceptance estimate a is the mean of min(1, e^{−ΔH}) over a window of trajectories (less noisy than 0/1).
 */
public final class StepSizeTuner {
    private StepSizeTuner() {
    }

    public static int nextSteps(int steps, double meanAcceptance, double target, int order) {
        double ratio = Math.pow(Math.max(1 - meanAcceptance, 1e-12) / (1 - target), 1.0 / order);
        ratio = Math.min(2, Math.max(0.5, ratio));
        return (int) Math.max(1, Math.round(steps * ratio));
    }
}
