package org.fthmc.spi;

import java.util.List;

/**
 * The Hamiltonian system an integrator moves: the two exactly solvable flows of a splitting scheme. The kick can
 * also be split into named force terms (those of {@link GaugeAction#terms()}), for multi-time-scale integrators.
 */
public interface MolecularDynamics {
    /** P ← P − ε F(U): one force evaluation. */
    void kick(double eps);

    /** U ← exp(ε P) U. */
    void drift(double eps);

    /** The names of the force terms {@link #kick(String, double)} accepts; together they make up the whole force. */
    default List<String> forceTerms() {
        return List.of(GaugeAction.WHOLE);
    }

    /** P ← P − ε F_term(U) for one of {@link #forceTerms()}. */
    default void kick(String term, double eps) {
        if (!forceTerms().equals(List.of(term))) {
            throw new IllegalArgumentException("no force term '" + term + "'; terms: " + forceTerms());
        }
        kick(eps);
    }
}
