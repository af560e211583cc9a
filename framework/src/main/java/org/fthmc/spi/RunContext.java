package org.fthmc.spi;

import java.util.List;
import org.fthmc.comm.Communicator;
import org.fthmc.dsl.BufferPool;
import org.fthmc.dsl.CompiledGraph;
import org.fthmc.dsl.Input;
import org.fthmc.dsl.Node;
import org.fthmc.dsl.Schedule;
import org.fthmc.group.LinkGroup;
import org.fthmc.lattice.Lattice;
import org.fthmc.parallel.SiteLoops;

/**
 * What a plugin is built for: the lattice, the gauge group, the parallel loops, the communicator of a run and the
 * backend its DSL graphs run on.
 */
public record RunContext(Lattice lattice, LinkGroup group, SiteLoops loops, Communicator communicator, Backend backend) {
    public RunContext {
        if (lattice.haloDepth() > 0 && communicator != lattice.communicator()) {
            throw new IllegalArgumentException("the slab " + lattice + " belongs to another communicator than the run's");
        }
    }

    /** A context whose graphs run on the CPU. */
    public RunContext(Lattice lattice, LinkGroup group, SiteLoops loops, Communicator communicator) {
        this(lattice, group, loops, communicator, Backend.CPU);
    }

    /**
     * Compiles a graph that runs on host arrays whatever the backend (a DSL-derived gauge action beside the
     * hand-written kernels), its fused steps as the backend's {@link Backend#hostSteps()} says: compiled under
     * {@code cpu}, interpreted otherwise.
     */
    public CompiledGraph compileOnHost(List<Node> outputs, List<Input> inputs) {
        return CompiledGraph.compile(lattice, loops, outputs, inputs, Schedule.Memory.STORE, new BufferPool(),
                backend.hostSteps());
    }

    /** The same context with graphs on another backend. */
    public RunContext withBackend(Backend other) {
        return new RunContext(lattice, group, loops, communicator, other);
    }
}
