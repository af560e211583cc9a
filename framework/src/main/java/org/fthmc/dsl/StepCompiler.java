package org.fthmc.dsl;

import java.util.List;
import java.util.Set;

/**
 * Turns the fused field steps of a {@link Schedule} into compiled site loops, which {@link CompiledGraph} runs in
 * place of its node-by-node kernels (the JVM backend renders each step as Java and compiles it at run time).
 */
public interface StepCompiler {
    /** A compiled step's loop: computes the step's nodes on the sites [from, to), on the arrays of its step. */
    interface SiteLoop {
        void run(int from, int to, double[][] arrays);
    }

    /**
     * One compiled step: its loop and the nodes whose arrays the loop takes, in order (operands it reads from memory
     * and the stored nodes it writes).
     */
    record CompiledStep(SiteLoop loop, List<Node> arrays) {
        public CompiledStep {
            arrays = List.copyOf(arrays);
        }
    }

    /**
     * Compiles field steps of the schedule, one {@link CompiledStep} per step in order; a node of {@code stored} is
     * written to its array, every other node lives only inside its step. A null entry declines the step: the graph
     * then interprets it node by node (for steps the compiler would make slower). Loops index sites as
     * {@code tables} number them.
     */
    List<CompiledStep> compile(Schedule schedule, SiteTables tables, List<List<Node>> fieldSteps, Set<Node> stored);
}
