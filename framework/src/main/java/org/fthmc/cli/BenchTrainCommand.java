package org.fthmc.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.fthmc.ConfigError;
import org.fthmc.spi.PluginBlocks;
import org.fthmc.config.RunConfig;
import org.fthmc.run.RunPlan;
import org.fthmc.field.LinkField;
import org.fthmc.spi.GaugeAction;
import org.fthmc.spi.Loss;
import org.fthmc.spi.PluginKind;
import org.fthmc.spi.PluginRegistry;
import org.fthmc.spi.RunContext;
import org.fthmc.train.Patches;
import org.fthmc.transform.ForceMatchingLoss;
import org.fthmc.transform.LayerChain;

/**
 * {@code fthmc bench-train}: the cost of one training step (the force-matching loss and its weight gradient at one
 * configuration, batch 1) for a lattice, action and trainable transform (and the config's {@code train.loss}, by
 * default the p = 2 norm loss): seconds per step, the bytes of the buffers
 * the compiled graphs share, and the JVM heap's peak use (run it under a heap cap, e.g. FTHMC_JAVA_OPTS=-Xmx3g, to
 * show the step fits). The field is a hot start mapped by nothing: cost and memory do not depend on its values. With
 * {@code --patch} the step runs on a patch of the lattice ({@link Patches}; the run then holds no whole-lattice
 * transform).
 */
@Parameters(commandDescription = "Benchmark one training step: loss + weight gradient (default: SU(3) 8^3x16 DBW2, per-site network)")
final class BenchTrainCommand {
    @Parameter(names = "--config", description = "HOCON with lattice, action (with beta) and a trainable transform")
    String config = """
            lattice { dims = [8, 8, 8, 16], group = su3 }
            action { type = sun-improved, beta = 0.7796, preset = dbw2 }
            transform { type = sun-masked-stout, coefficients = network, network { channels = [48, 48], kernel = 1 } }
            """;

    @Parameter(names = "--beta-target", description = "β_t of the force-matching loss")
    double betaTarget = 0.7099;

    @Parameter(names = "--steps", description = "Timed steps (after one untimed step)")
    int steps = 2;

    @Parameter(names = "--threads", description = "Threads (0: one per core)")
    int threads = 0;

    @Parameter(names = "--patch", description = "Extents of a training patch (sub-volume targeting): time a step on a patch of the"
            + " lattice, its cut faces' bands frozen (default: the whole lattice)")
    List<Integer> patch = List.of();

    @Parameter(names = "--frozen", description = "With --patch: depth of the frozen band at the patch's cut faces")
    int frozen = 2;

    int execute(PrintStream out) {
        if (steps < 1 || threads < 0 || !(betaTarget > 0)) {
            throw new ConfigError("bench-train: --steps >= 1, --threads >= 0 and --beta-target > 0 are required");
        }
        RunConfig parsed = RunConfig.parse(config, "bench-train --config", List.of("hmc.threads=" + threads));
        PluginRegistry registry = PluginRegistry.discover();
        // on a patch, the run holds no whole-lattice transform: what the step needs is compiled for the patch alone
        try (RunPlan plan = RunPlan.build(patch.isEmpty() ? parsed : parsed.without("transform"), registry)) {
            Patches patches = patches(plan);
            RunContext context = patches == null ? plan.context() : patches.context(plan.context());
            if (parsed.section("transform").isEmpty()) {
                throw new ConfigError("bench-train --config: needs a transform with weights (u1-masked-stout, sun-masked-stout)");
            }
            LayerChain chain = patches == null ? plan.transform().orElse(null) instanceof LayerChain c ? c : null
                    : patches.chain(registry, parsed.section("transform"), context);
            if (chain == null || chain.weights().count() == 0) {
                throw new ConfigError("bench-train --config: needs a transform with weights (u1-masked-stout, sun-masked-stout)");
            }
            GaugeAction.ActionGraph action = plan.action().graph().orElseThrow(
                    () -> new ConfigError("bench-train --config: the action must be written as a DSL graph"));
            if (!parsed.section("action").hasPath("beta")) {
                throw new ConfigError("bench-train --config: the action needs a beta (β_t / β scales the target force)");
            }
            double ratio = betaTarget / parsed.section("action").getDouble("beta");
            long start = System.nanoTime();
            com.typesafe.config.Config block = parsed.section("train").hasPath("loss") ? parsed.section("train").getConfig("loss")
                    : com.typesafe.config.ConfigFactory.parseString("type = norms");
            Loss objective = PluginBlocks.<Loss>build(registry, PluginKind.LOSS, "train.loss", block,
                    List.of(), context).plugin();
            ForceMatchingLoss loss = new ForceMatchingLoss(context, chain, action, ratio, objective,
                    patches == null ? null : patches.interior());
            double compile = (System.nanoTime() - start) / 1e9;
            LinkField v = LinkField.hot(context.lattice(), plan.group(), 1, 0);
            out.printf("bench-train: %s %s%s, %d weights, beta_t/beta = %.4f, loss %s, batch 1; compiled in %.1f s%n",
                    plan.lattice(), plan.group().name(), patches == null ? "" : ", patch " + context.lattice() + " (interior "
                    + patches.interior().size() + " sites, frozen " + frozen + ")", chain.weights().count(), ratio,
                    block.getString("type"), compile);
            double first = loss.lossAndGradient(v).loss();
            double[] seconds = new double[steps];
            for (int s = 0; s < steps; s++) {
                start = System.nanoTime();
                loss.lossAndGradient(v);
                seconds[s] = (System.nanoTime() - start) / 1e9;
            }
            Arrays.sort(seconds);
            out.printf("bench-train: loss %.6f; %.2f s per step (median of %d, %d threads)%n", first, seconds[steps / 2],
                    steps, plan.context().loops().threads());
            out.printf("bench-train: the compiled graphs share %.1f MB of buffers (the field itself is %.1f MB); JVM heap peak %.1f MB of max %.1f MB%n",
                    chain.forcePlanBytes() / 1e6, context.lattice().links() * plan.group().storage() * 8 / 1e6,
                    heapPeak() / 1e6, Runtime.getRuntime().maxMemory() / 1e6);
        }
        return Main.OK;
    }

    /** The patches of --patch, or null without it. */
    private Patches patches(RunPlan plan) {
        if (patch.isEmpty()) {
            return null;
        }
        try {
            return new Patches(plan.lattice().extents(), patch.stream().mapToInt(Integer::intValue).toArray(), frozen);
        } catch (IllegalArgumentException e) {
            throw new ConfigError("bench-train --patch " + patch + ": " + e.getMessage());
        }
    }

    /** Σ over the heap's memory pools of their peak use (an upper bound of the live data at any one time). */
    private static long heapPeak() {
        List<MemoryPoolMXBean> heap = new ArrayList<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heap.add(pool);
            }
        }
        return heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }
}
