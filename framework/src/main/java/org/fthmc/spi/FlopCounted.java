package org.fthmc.spi;

/**
 * An action that counts the flops of its force, so that {@code fthmc bench} can report GFlop/s. A benchmark hook,
 * not part of what a run needs from an action; the implementation documents how it counts.
 */
public interface FlopCounted {
    /** Flops of one force evaluation per site. */
    double forceFlopsPerSite();
}
