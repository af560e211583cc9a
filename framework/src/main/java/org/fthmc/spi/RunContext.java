package org.fthmc.spi;

import org.fthmc.comm.Communicator;
import org.fthmc.group.LinkGroup;
import org.fthmc.lattice.Lattice;
import org.fthmc.parallel.SiteLoops;

/**
 * What a plugin is built for: the lattice, the gauge group, the parallel loops, the communicator of a run and the
 * backend its DSL graphs run on.
 */
public record RunContext(Lattice lattice, LinkGroup group, SiteLoops loops, Communicator communicator, Backend backend) {
    /** A context whose graphs run on the CPU. */
    public RunContext(Lattice lattice, LinkGroup group, SiteLoops loops, Communicator communicator) {
        this(lattice, group, loops, communicator, Backend.CPU);
    }

    /** The same context with graphs on another backend. */
    public RunContext withBackend(Backend other) {
        return new RunContext(lattice, group, loops, communicator, other);
    }
}
