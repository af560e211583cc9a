package org.fthmc.spi;

import java.util.List;
import org.fthmc.dsl.BufferPool;
import org.fthmc.dsl.DeviceArray;
import org.fthmc.dsl.GraphExecutable;
import org.fthmc.dsl.HostArray;
import org.fthmc.dsl.Input;
import org.fthmc.dsl.Node;
import org.fthmc.dsl.StepCompiler;
import org.fthmc.dsl.jvm.JvmStepCompiler;

/**
 * Where a run's DSL graphs execute (config block {@code backend { type = ... }}): on the CPU with its fused steps
 * compiled to Java (the default, {@link #CPU}; steps of 3×3 or wider matrices stay interpreted), on the CPU
 * interpreted node by node ({@link #INTERPRET}, the reference the compiled code is checked against), or on an
 * accelerator (OpenCL, in the gpu-kernels module).
 * Field transformations compile every layer graph through it; a graph compiled by any backend gives the
 * interpreter's values to rounding.
 */
public interface Backend {
    /** The CPU executor with its fused steps compiled to JVM bytecode at run time (matrix steps interpreted). */
    Backend CPU = new HostBackend("cpu", JvmStepCompiler.INSTANCE);
    /** The CPU executor interpreting each node with its per-primitive loops. */
    Backend INTERPRET = new HostBackend("interpret", null);

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
     * How graphs that stay on the host compile their fused steps under this backend
     * ({@link RunContext#compileOnHost}): {@code cpu}'s JVM step compiler; null, interpreted node by node, for the
     * others.
     */
    default StepCompiler hostSteps() {
        return null;
    }

    /** Whether graphs run on the host's arrays (the CPU backends), where hand-written kernels are at home too. */
    default boolean onHost() {
        return false;
    }

    /**
     * Operations enqueued on the device so far (kernel launches and device-to-device copies), for benchmarks of a
     * launch-bound accelerator; empty for a backend that does not count them (the CPU).
     */
    default java.util.OptionalLong enqueued() {
        return java.util.OptionalLong.empty();
    }
}
