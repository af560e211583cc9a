package org.fthmc.spi;

import java.util.List;
import org.fthmc.dsl.BufferPool;
import org.fthmc.dsl.CompiledGraph;
import org.fthmc.dsl.DeviceArray;
import org.fthmc.dsl.GraphExecutable;
import org.fthmc.dsl.HostArray;
import org.fthmc.dsl.Input;
import org.fthmc.dsl.Node;

/**
 * Where a run's DSL graphs execute (config block {@code backend { type = ... }}): the CPU executor (the default,
 * {@link #CPU}) or an accelerator (OpenCL, in the gpu-kernels module). Field transformations compile every layer
 * graph through it; a graph compiled by any backend gives the CPU executor's values to rounding.
 */
public interface Backend {
    /** The CPU executor: fused parallel loops over flat arrays, buffers shared through the pool. */
    Backend CPU = new Backend() {
        @Override
        public String name() {
            return "cpu";
        }

        @Override
        public GraphExecutable compile(RunContext context, List<Node> outputs, List<Input> inputs, BufferPool pool) {
            return CompiledGraph.compile(context.lattice(), context.loops(), outputs, inputs, pool);
        }
    };

    String name();

    /**
     * Compiles the graph for the run's lattice. Graphs compiled with one pool run one after another and may share
     * host buffers through it (a backend with memory of its own may ignore it).
     */
    GraphExecutable compile(RunContext context, List<Node> outputs, List<Input> inputs, BufferPool pool);

    /**
     * A zeroed array where this backend's graphs run, for chaining graph runs without host copies
     * ({@link GraphExecutable#run(List, List)}); the CPU's are {@link HostArray}s.
     */
    default DeviceArray allocate(int length) {
        return new HostArray(new double[length]);
    }

    /**
     * Operations enqueued on the device so far (kernel launches and device-to-device copies), for benchmarks of a
     * launch-bound accelerator; empty for a backend that does not count them (the CPU).
     */
    default java.util.OptionalLong enqueued() {
        return java.util.OptionalLong.empty();
    }
}
