package org.fthmc.spi;

import org.fthmc.comm.Communicator;
import org.fthmc.group.LinkGroup;
import org.fthmc.lattice.Lattice;
import org.fthmc.parallel.SiteLoops;

/** What a plugin is built for: the lattice, the gauge group, the parallel loops and the communicator of a run. */
public record RunContext(Lattice lattice, LinkGroup group, SiteLoops loops, Communicator communicator) {
}
