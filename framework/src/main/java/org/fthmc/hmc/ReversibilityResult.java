package org.fthmc.hmc;

/** The outcome of a forward–backward trajectory: max link distance and |ΔH| from the starting point. */
public record ReversibilityResult(double maxLinkDistance, double absDeltaH) {
}
