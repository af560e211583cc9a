package org.fthmc.hmc;

/** What one HMC trajectory did: the energy violation, the Metropolis decision and the forces it cost. */
public record TrajectoryResult(double deltaH, boolean accepted, long forceEvaluations) {
}
