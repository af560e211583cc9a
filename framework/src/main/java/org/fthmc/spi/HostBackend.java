package org.fthmc.spi;

import java.util.List;
import org.fthmc.dsl.BufferPool;
import org.fthmc.dsl.CompiledGraph;
import org.fthmc.dsl.GraphExecutable;
import org.fthmc.dsl.Input;
import org.fthmc.dsl.Node;
import org.fthmc.dsl.Schedule;
import org.fthmc.dsl.StepCompiler;

/** A CPU backend: the executor's fused parallel loops over flat arrays, its steps compiled or interpreted. */
final class HostBackend implements Backend {
    private final String name;
    private final StepCompiler compiler;

    HostBackend(String name, StepCompiler compiler) {
        this.name = name;
        this.compiler = compiler;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public GraphExecutable compile(RunContext context, List<Node> outputs, List<Input> inputs, BufferPool pool) {
        return CompiledGraph.compile(context.lattice(), context.loops(), outputs, inputs, Schedule.Memory.STORE, pool, compiler);
    }

    @Override
    public StepCompiler hostSteps() {
        return compiler;
    }

    @Override
    public boolean onHost() {
        return true;
    }

    @Override
    public String toString() {
        return name;
    }
}
