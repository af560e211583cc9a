package org.fthmc.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.fthmc.ConfigError;
import org.fthmc.config.RunConfig;
import org.fthmc.run.RunPlan;
import org.fthmc.dsl.Autodiff;
import org.fthmc.dsl.CompiledGraph;
import org.fthmc.dsl.Schedule;
import org.fthmc.dsl.Node;
import org.fthmc.gauge.U1DslAction;
import org.fthmc.field.LinkField;
import org.fthmc.spi.PluginRegistry;

/**
 * {@code fthmc bench-dsl}: the DSL-derived U(1) Wilson force against the hand-written kernel, timed side by side
 * (alternating, in one process), and the executor's planned memory for the force graph and for a second-derivative
 * graph (the gradient of Σ F², as a force-matching loss needs), against the size of the input field.
 */
@Parameters(commandDescription = "Benchmark DSL-derived forces against the hand-written kernel, and DSL memory")
final class BenchDslCommand {
    @Parameter(names = "--dims", description = "Lattice extents, e.g. 64,64")
    List<Integer> dims = new ArrayList<>(List.of(64, 64));

    @Parameter(names = "--threads", description = "Thread counts to compare, e.g. 1,2")
    List<Integer> threads = new ArrayList<>(List.of(1, 2));

    @Parameter(names = "--evaluations", description = "Timed force evaluations per measurement")
    int evaluations = 5000;

    @Parameter(names = "--repeats", description = "Measurements per variant, interleaved")
    int repeats = 5;

    int execute(PrintStream out) {
        if (evaluations < 1 || repeats < 1 || threads.isEmpty() || threads.stream().anyMatch(t -> t < 1)) {
            throw new ConfigError("bench-dsl: --evaluations and --repeats must be >= 1, --threads >= 1");
        }
        PluginRegistry registry = PluginRegistry.discover();
        String lattice = "lattice.dims = " + dims + "\nmeasurements.observables = []\n";
        out.printf("bench-dsl: U(1) Wilson force on %s, %d evaluations x %d repeats (median per evaluation)%n",
                dims, evaluations, repeats);
        out.println("threads  kernel [us]  dsl [us]  dsl/kernel");
        for (int t : threads) {
            try (RunPlan kernel = plan(registry, lattice, "kernel", t); RunPlan dsl = plan(registry, lattice, "dsl", t)) {
                LinkField u = LinkField.hot(kernel.lattice(), kernel.group(), 1, 0);
                double[] sink = new double[u.data().length];
                time(kernel, u, sink, 500);
                time(dsl, u, sink, 500);
                double[] k = new double[repeats];
                double[] d = new double[repeats];
                for (int r = 0; r < repeats; r++) {
                    k[r] = time(kernel, u, sink, evaluations);
                    d[r] = time(dsl, u, sink, evaluations);
                }
                java.util.Arrays.sort(k);
                java.util.Arrays.sort(d);
                out.printf("%7d  %11.1f  %8.1f  %10.2f%n", t, k[repeats / 2], d[repeats / 2], d[repeats / 2] / k[repeats / 2]);
            }
        }
        try (RunPlan dsl = plan(registry, lattice, "dsl", 1)) {
            U1DslAction action = (U1DslAction) dsl.action();
            long input = 8L * dsl.lattice().links();
            List<Node> force = Autodiff.grad(action.actionGraph(), action.inputs());
            Node squared = null;
            for (Node f : force) {
                squared = squared == null ? f.square().sum() : squared.plus(f.square().sum());
            }
            List<Node> secondOrder = Autodiff.grad(squared, action.inputs());
            out.printf("memory: input field %d bytes; force graph %d bytes (%.1fx, %d stages)%n",
                    input, action.forceGraph().peakBytes(), (double) action.forceGraph().peakBytes() / input,
                    action.forceGraph().stages());
            for (Schedule.Memory memory : Schedule.Memory.values()) {
                CompiledGraph second = CompiledGraph.compile(dsl.lattice(), dsl.context().loops(), secondOrder,
                        action.inputs(), memory);
                out.printf("memory: gradient of sum F^2, %s: %d bytes (%.1fx, %d stages)%n", memory.name().toLowerCase(),
                        second.peakBytes(), (double) second.peakBytes() / input, second.stages());
            }
        }
        return Main.OK;
    }

    private static RunPlan plan(PluginRegistry registry, String lattice, String force, int threads) {
        return RunPlan.build(RunConfig.parse(lattice + "action { type = u1-wilson, beta = 6, force = " + force + " }\n",
                "bench-dsl", List.of("hmc.threads=" + threads)), registry);
    }

    /** Microseconds per force evaluation. */
    private static double time(RunPlan plan, LinkField u, double[] sink, int n) {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            plan.action().addForce(u, 1e-12, sink);
        }
        return (System.nanoTime() - start) / 1e3 / n;
    }
}
