package org.fthmc.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.fthmc.ConfigError;
import org.fthmc.config.RunConfig;
import org.fthmc.run.RunPlan;
import org.fthmc.field.LinkField;
import org.fthmc.group.SUN;
import org.fthmc.measure.WilsonFlow;
import org.fthmc.spi.PluginRegistry;
import org.fthmc.spi.QuenchedUpdater;

/**
 * {@code fthmc bench-flow}: the cost of the Wilson flow per unit flow time on a thermalised SU(N) field, for
 * several thread counts side by side: RK3 steps alone, and steps with E (plaquette and clover) and the clover
 * charge measured after each, as {@code fthmc measure --flow} does.
 */
@Parameters(commandDescription = "Benchmark the Wilson flow: seconds per unit flow time (default: SU(3) 8^3x16 at beta 6)")
final class BenchFlowCommand {
    @Parameter(names = "--config", description = "HOCON of the field (lattice, and an action with a heat bath to thermalise it)")
    String config = "lattice { dims = [8, 8, 8, 16], group = su3 }\naction { type = sun-wilson, beta = 6.0 }\n";

    @Parameter(names = "--threads", description = "Thread counts to compare, e.g. 1,2")
    List<Integer> threads = new ArrayList<>(List.of(1, 2));

    @Parameter(names = "--sweeps", description = "Heat-bath sweeps (with 4 over-relaxations) to thermalise the field")
    int sweeps = 30;

    @Parameter(names = "--time", description = "Flow time of each measurement")
    double time = 1.0;

    @Parameter(names = "--step", description = "RK3 step")
    double step = 0.02;

    @Parameter(names = "--repeats", description = "Measurements per thread count, interleaved")
    int repeats = 3;

    int execute(PrintStream out) {
        if (sweeps < 0 || time <= 0 || step <= 0 || step > time || repeats < 1 || threads.isEmpty() || threads.stream().anyMatch(t -> t < 1)) {
            throw new ConfigError("bench-flow: --sweeps >= 0, 0 < --step <= --time, --repeats >= 1 and --threads >= 1 are required");
        }
        PluginRegistry registry = PluginRegistry.discover();
        List<RunPlan> plans = new ArrayList<>();
        for (int t : threads) {
            plans.add(RunPlan.build(RunConfig.parse(config, "bench-flow --config", List.of("hmc.threads=" + t)), registry));
        }
        RunPlan first = plans.getFirst();
        if (!(first.group() instanceof SUN)) {
            throw new ConfigError("bench-flow: the Wilson flow needs an SU(N) group, not " + first.group().name());
        }
        QuenchedUpdater heatBath = first.action().heatBath().orElseThrow(
                () -> new ConfigError("bench-flow: the action must offer a heat bath (sun-wilson) to thermalise the field"));
        LinkField u = LinkField.hot(first.lattice(), first.group(), 1, 0);
        for (int s = 0; s < sweeps; s++) {
            heatBath.sweep(u, 1, 0, s, 4);
        }
        int steps = (int) Math.round(time / step);
        out.printf("bench-flow: %s %s, %d heat-bath sweeps; flow to t = %.3g in %d RK3 steps x %d repeats%n",
                first.lattice(), first.group().name(), sweeps, time, steps, repeats);
        double[][] stepsOnly = new double[plans.size()][repeats];
        double[][] measured = new double[plans.size()][repeats];
        List<WilsonFlow> flows = new ArrayList<>();
        for (RunPlan plan : plans) {
            WilsonFlow flow = MeasureCommand.flow(u, plan.context(), registry);
            flow.flow(u.copy(), step, Math.min(time, 10 * step)); // JIT warm-up
            flows.add(flow);
        }
        for (int r = 0; r < repeats; r++) {
            for (int i = 0; i < plans.size(); i++) {
                LinkField v = u.copy();
                long start = System.nanoTime();
                for (int k = 0; k < steps; k++) {
                    flows.get(i).step(v, step);
                }
                stepsOnly[i][r] = (System.nanoTime() - start) / 1e9;
                start = System.nanoTime();
                List<WilsonFlow.Point> points = flows.get(i).flow(u.copy(), step, time);
                measured[i][r] = (System.nanoTime() - start) / 1e9;
                if (r == 0 && i == 0) {
                    WilsonFlow.Point end = points.getLast();
                    out.printf("bench-flow: at t = %.3g: t^2E = %.4f (plaquette), %.4f (clover), Q = %.3f%n",
                            end.t(), end.t2e(), end.t2eClover(), end.charge());
                }
            }
        }
        out.println("threads  s per unit flow time (steps only, median)  ms per RK3 step  s per unit flow time (with E, Q each step)");
        for (int i = 0; i < plans.size(); i++) {
            double a = median(stepsOnly[i]);
            double b = median(measured[i]);
            out.printf("%7d  %43.3f  %15.2f  %42.3f%n", threads.get(i), a / time, 1e3 * a / steps, b / time);
            plans.get(i).close();
        }
        return Main.OK;
    }

    private static double median(double[] xs) {
        double[] sorted = xs.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
