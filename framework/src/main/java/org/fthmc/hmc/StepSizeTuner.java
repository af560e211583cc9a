package org.fthmc.hmc;

/**
 * Tunes the number of steps at fixed trajectory length towards a target acceptance. For an integrator of order p,
 * 1 − ⟨P_acc⟩ ≈ √(⟨ΔH⟩/π) ∝ ε^p, so the ideal step factor is r = ((1 − a)/(1 − a_target))^{1/p}. The window
 * estimate a (mean of min(1, e^{−ΔH}), less noisy than 0/1) is noisy and the power law only holds for small ε,
 * so the update is damped: steps × √r, with √r clamped to [2/3, 3/2].
 */
public final class StepSizeTuner {
    private StepSizeTuner() {
    }

    public static int nextSteps(int steps, double meanAcceptance, double target, int order) {
        double ratio = Math.pow(Math.max(1 - meanAcceptance, 1e-12) / (1 - target), 0.5 / order);
        ratio = Math.min(1.5, Math.max(2.0 / 3, ratio));
        return (int) Math.max(1, Math.round(steps * ratio));
    }
}
