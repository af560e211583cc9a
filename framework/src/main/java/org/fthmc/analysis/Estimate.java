package org.fthmc.analysis;

/**
 * A Monte Carlo estimate: mean, statistical error, integrated autocorrelation time (in units of the series'
 * spacing) with its error, and the summation window the Γ-method chose (0 for other methods).
 */
public record Estimate(double mean, double error, double tauInt, double tauIntError, int window) {
}
