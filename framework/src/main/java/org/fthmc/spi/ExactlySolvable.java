package org.fthmc.spi;

import java.util.Map;
import org.fthmc.lattice.Lattice;

/**
 * Implemented by an action whose expectation values are known exactly on some lattices (2D U(1) Wilson,
 * docs/science.md §6). A run prints its measurements next to these and stores them in summary.json under "exact".
 * Keys are observable columns (e.g. "plaquette"), plus "q2" for ⟨Q²⟩.
 */
public interface ExactlySolvable {
    /** The exact values on this lattice, or an empty map when none are known for it. */
    Map<String, Double> exact(Lattice lattice);
}
