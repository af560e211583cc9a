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
 * {@code fthmc bench-dsl}: a gauge action's DSL-derived force on each backend asked for against its hand-written
 * kernel, timed side by side (alternating, in one process); by default the U(1) Wilson force on 64², with
 * {@code --group su3 --action ...} an SU(N) action. For U(1) it also prints the executor's planned memory for the
 * force graph and for a second-derivative graph (the gradient of Σ F², as a force-matching loss needs), against the
 * size of the input field.
 */
@Parameters(commandDescription = "Benchmark DSL-derived forces against the hand-written kernel, and DSL memory")
final class BenchDslCommand {
    @Parameter(names = "--dims", description = "Lattice extents, e.g. 64,64")
    List<Integer> dims = new ArrayList<>(List.of(64, 64));

    @Parameter(names = "--group", description = "Gauge group: u1, su2, su3")
    String group = "u1";

    @Parameter(names = "--action", description = "The action's settings (HOCON, force = kernel/dsl is set by the bench),"
            + " e.g. 'type = sun-improved, beta = 0.7796, preset = dbw2'")
    String action = "type = u1-wilson, beta = 6";

    @Parameter(names = "--threads", description = "Thread counts to compare, e.g. 1,2")
    List<Integer> threads = new ArrayList<>(List.of(1, 2));

    @Parameter(names = "--backends", description = "Backends the DSL force runs on, side by side, e.g. cpu,interpret")
    List<String> backends = new ArrayList<>(List.of("cpu"));

    @Parameter(names = "--evaluations", description = "Timed force evaluations per measurement")
    int evaluations = 5000;

    @Parameter(names = "--repeats", description = "Measurements per variant, interleaved")
    int repeats = 5;

    int execute(PrintStream out) {
        if (evaluations < 1 || repeats < 1 || threads.isEmpty() || threads.stream().anyMatch(t -> t < 1) || backends.isEmpty()) {
            throw new ConfigError("bench-dsl: --evaluations and --repeats must be >= 1, --threads >= 1, --backends not empty");
        }
        PluginRegistry registry = PluginRegistry.discover();
        String lattice = "lattice { dims = " + dims + ", group = " + group + " }\nmeasurements.observables = []\n"
                + "action { " + action + " }\n";
        out.printf("bench-dsl: %s force on %s %s, %d evaluations x %d repeats (median per evaluation)%n",
                action, dims, group, evaluations, repeats);
        StringBuilder header = new StringBuilder("threads  kernel [us]");
        backends.forEach(b -> header.append(String.format("  dsl/%s [us]  ratio", b)));
        out.println(header);
        for (int t : threads) {
            List<RunPlan> plans = new ArrayList<>();
            try {
                plans.add(plan(registry, lattice, "kernel", t, "cpu"));
                for (String b : backends) {
                    plans.add(plan(registry, lattice, "dsl", t, b));
                }
                LinkField u = LinkField.hot(plans.getFirst().lattice(), plans.getFirst().group(), 1, 0);
                double[] sink = new double[u.data().length];
                plans.forEach(p -> time(p, u, sink, Math.max(1, evaluations / 10))); // warm-up
                double[][] us = new double[plans.size()][repeats];
                for (int r = 0; r < repeats; r++) {
                    for (int p = 0; p < plans.size(); p++) {
                        us[p][r] = time(plans.get(p), u, sink, evaluations);
                    }
                }
                double kernel = median(us[0]);
                StringBuilder row = new StringBuilder(String.format("%7d  %11.1f", t, kernel));
                for (int p = 1; p < plans.size(); p++) {
                    double dsl = median(us[p]);
                    row.append(String.format("  %" + (9 + backends.get(p - 1).length()) + ".1f  %5.2f", dsl, dsl / kernel));
                }
                out.println(row);
            } finally {
                plans.forEach(RunPlan::close);
            }
        }
        try (RunPlan dsl = plan(registry, lattice, "dsl", 1, backends.getFirst())) {
            if (!(dsl.action() instanceof U1DslAction action)) {
                return Main.OK; // the memory report is U(1)'s
            }
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

    private static RunPlan plan(PluginRegistry registry, String lattice, String force, int threads, String backend) {
        return RunPlan.build(RunConfig.parse(lattice + "action.force = " + force + "\n",
                "bench-dsl", List.of("hmc.threads=" + threads, "backend.type=" + backend)), registry);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
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
