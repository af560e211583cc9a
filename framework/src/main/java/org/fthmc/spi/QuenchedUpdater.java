package org.fthmc.spi;

import org.fthmc.field.LinkField;

/** A local update of a pure-gauge action (heat bath with over-relaxation), offered by actions that support one. */
public interface QuenchedUpdater {
    /** One sweep keyed by (seed, stream, sweep): every link updated once, then {@code overRelaxations} OR sweeps. */
    void sweep(LinkField u, long seed, int stream, long sweep, int overRelaxations);
}
