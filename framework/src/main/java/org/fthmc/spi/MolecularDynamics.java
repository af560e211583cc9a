package org.fthmc.spi;

/** The Hamiltonian system an integrator moves: the two exactly solvable flows of a splitting scheme. */
public interface MolecularDynamics {
    /** P ← P − ε F(U): one force evaluation. */
    void kick(double eps);

    /** U ← exp(ε P) U. */
    void drift(double eps);
}
