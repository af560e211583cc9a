package org.fthmc.spi;

/** A time-reversible, symplectic molecular-dynamics integrator. */
public interface Integrator {
    /** Integrates over trajectory length tau in the given number of steps. */
    void integrate(MolecularDynamics md, double tau, int steps);

    /** Force evaluations (kicks) one call of {@link #integrate} makes with this many steps. */
    int forceEvaluations(int steps);

    /** The order p of the scheme: the energy error over a fixed trajectory length scales as ε^p. */
    int order();
}
