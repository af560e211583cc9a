package org.fthmc.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.fthmc.ConfigError;
import org.fthmc.config.RunConfig;
import org.fthmc.dsl.CompiledGraph;
import org.fthmc.dsl.jvm.JvmStepCompiler;
import org.fthmc.run.RunPlan;
import org.fthmc.field.LinkField;
import org.fthmc.hmc.HmcUpdater;
import org.fthmc.spi.FlopCounted;
import org.fthmc.spi.GaugeAction;
import org.fthmc.spi.PlanSized;
import org.fthmc.spi.PluginRegistry;

/**
 * {@code fthmc bench}: HMC throughput (FT-HMC with a {@code transform} block), measured side by side for several
 * thread counts in one process, or under mpirun on the run's slabs (with each rank's compute and MPI seconds).
 * Default: U(1) 64² at β = 6, τ = 4, 21 Omelyan 2MN steps (docs/science.md §7's setting), from a thermalised field.
 */
@Parameters(commandDescription = "Benchmark plain HMC trajectories per second (default: U(1) 64^2, beta 6, tau 4, 21 Omelyan steps)")
final class BenchCommand {
    @Parameter(names = "--config", description = "HOCON of the benchmarked run (lattice, action, integrator)")
    String config = "lattice.dims = [64, 64]\naction { type = u1-wilson, beta = 6 }\n"
            + "integrator { type = omelyan, steps = 21, trajectory-length = 4 }\n";

    @Parameter(names = "--threads", description = "Thread counts to compare, e.g. 1,2")
    List<Integer> threads = new ArrayList<>(List.of(1, 2));

    @Parameter(names = "--trajectories", description = "Timed trajectories per measurement")
    int trajectories = 2000;

    @Parameter(names = "--warmup", description = "Untimed trajectories before each measurement (JIT warm-up, thermalisation)")
    int warmup = 500;

    @Parameter(names = "--backends", description = "Backends to compare side by side, e.g. cpu,interpret (default: the config's)")
    List<String> backends = new ArrayList<>();

    @Parameter(names = "--repeats", description = "Measurements per thread count, interleaved")
    int repeats = 3;

    @Parameter(names = "--flops-per-site", description = "Flops one force evaluation costs per site, to report GFlop/s "
            + "(default: the action's own count, when it gives one)")
    double flopsPerSite;

    @Parameter(names = "--force-evaluations", description = "Force evaluations per timing round (5 rounds, after as many for warm-up)")
    int forceEvaluations = 20;

    @Parameter(names = "--plain-trajectories", description = "With a transform: plain-HMC trajectories timed beside each FT-HMC measurement")
    int plainTrajectories = 500;

    int execute(PrintStream out, PrintStream log) {
        if (forceEvaluations < 1 || trajectories < 1 || warmup < 0 || repeats < 1 || threads.isEmpty() || threads.stream().anyMatch(t -> t < 1)) {
            throw new ConfigError("bench: --trajectories, --repeats and --force-evaluations must be >= 1, --warmup >= 0, --threads >= 1");
        }
        PluginRegistry registry = PluginRegistry.discover();
        long compileNanos = JvmStepCompiler.compileNanos();
        long kernels = JvmStepCompiler.kernelsCompiled();
        List<RunPlan> plans = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<Integer> threadsOf = new ArrayList<>();
        for (String backend : backends.isEmpty() ? java.util.Collections.<String>singletonList(null) : backends) {
            for (int t : threads) {
                List<String> overrides = new ArrayList<>(List.of("hmc.threads=" + t));
                if (backend != null) {
                    overrides.add("backend.type=" + backend);
                }
                RunPlan plan = RunPlan.build(RunConfig.parse(config, "bench --config", overrides), registry);
                plans.add(plan);
                labels.add(plan.context().backend().name() + "/" + t);
                threadsOf.add(t);
            }
        }
        RunPlan first = plans.getFirst();
        out.printf("bench: %s %s, action %s, %s, %d steps, tau %.3g; %d timed trajectories x %d repeats; runs backend/threads%n",
                first.lattice(), first.group().name(), first.config().section("action").getString("type"),
                first.config().section("integrator").hasPath("type") ? first.config().section("integrator").getString("type") : "omelyan",
                first.steps(), first.trajectoryLength(), trajectories, repeats);
        List<LinkField> fields = new ArrayList<>();
        for (RunPlan plan : plans) {
            LinkField u = LinkField.hot(plan.lattice(), plan.group(), 1, 0);
            run(plan, u, 0, warmup);
            fields.add(u);
        }
        if (JvmStepCompiler.kernelsCompiled() > kernels) {
            out.printf("bench: %d JVM kernel classes compiled in %.2f s during set-up and warm-up (backend cpu)%n",
                    JvmStepCompiler.kernelsCompiled() - kernels, (JvmStepCompiler.compileNanos() - compileNanos) / 1e9);
        }
        // With a transform, plain HMC with the same action, integrator and step count is timed beside it.
        boolean compare = first.transform().isPresent();
        List<RunPlan> plain = new ArrayList<>();
        List<LinkField> plainFields = new ArrayList<>();
        if (compare) {
            for (int t : threadsOf) {
                RunPlan p = RunPlan.build(RunConfig.parse(config, "bench --config", List.of("hmc.threads=" + t)).without("transform"), registry);
                LinkField u = LinkField.hot(p.lattice(), p.group(), 1, 0);
                run(p, u, 0, Math.max(warmup, plainTrajectories / 2));
                plain.add(p);
                plainFields.add(u);
            }
        }
        double[][] plainSeconds = new double[plans.size()][repeats];
        double[][] rates = new double[plans.size()][repeats];
        // Per run, this rank's seconds in the timed trajectories: all, in halo exchanges, in other MPI calls.
        double[][] perRank = new double[plans.size()][3];
        long counter = warmup;
        for (int r = 0; r < repeats; r++) {
            for (int i = 0; i < plans.size(); i++) {
                System.gc(); // no collection of the previous block's garbage inside a timed block
                double[] mpiBefore = plans.get(i).processes().mpiSeconds();
                long start = System.nanoTime();
                int accepted = run(plans.get(i), fields.get(i), counter, trajectories);
                double seconds = (System.nanoTime() - start) / 1e9;
                double[] mpiAfter = plans.get(i).processes().mpiSeconds();
                perRank[i][0] += seconds;
                perRank[i][1] += mpiAfter[0] - mpiBefore[0];
                perRank[i][2] += mpiAfter[1] - mpiBefore[1];
                rates[i][r] = trajectories / seconds;
                log.printf("bench: %s, repeat %d: %.1f trajectories/s, acceptance %.3f%n",
                        labels.get(i), r + 1, rates[i][r], (double) accepted / trajectories);
                if (compare) {
                    System.gc();
                    long plainStart = System.nanoTime();
                    run(plain.get(i), plainFields.get(i), counter, plainTrajectories);
                    plainSeconds[i][r] = (System.nanoTime() - plainStart) / 1e9 / plainTrajectories;
                }
            }
            counter += trajectories;
        }
        double[] everyRank = first.processes().communicator()
                .allGather(java.util.Arrays.stream(perRank).flatMapToDouble(java.util.Arrays::stream).toArray());
        double counted = flopsPerSite > 0 ? flopsPerSite : countedFlops(first.action());
        if (counted > 0) {
            out.printf("bench: %.0f flops per site and force evaluation (%s)%n", counted, flopsPerSite > 0 ? "--flops-per-site" : "the action's count");
        }
        if (flopsPerSite <= 0) {
            out.println("bench: GFlop/s count the action's flops and those of the DSL graphs a force runs (the transform's layers)");
        }
        if (first.processes().communicator().size() > 1) {
            out.println("bench: ms/force and GFlop/s are rank 0's (the flops of the sites it owns; the halo it computes too is not counted)");
        }
        long enqueuedPerForce = compare ? enqueuedPerForce(first, fields.getFirst()) : -1;
        out.println("    run  trajectories/s (best of repeats)  median  s/trajectory (median)  force evaluations/trajectory  ms/force  GFlop/s");
        for (int i = 0; i < plans.size(); i++) {
            double[] sorted = rates[i].clone();
            java.util.Arrays.sort(sorted);
            ForceTiming force = forceTiming(plans.get(i), fields.get(i), forceEvaluations);
            double msPerForce = force.millis();
            int volume = plans.get(i).lattice().volume();
            double flops = flopsPerSite > 0 ? flopsPerSite * volume : countedFlops(plans.get(i).action()) * volume + force.graphFlops();
            String gflops = flops > 0 ? String.format("%.2f", flops / (msPerForce * 1e6)) : "-";
            out.printf("%7s  %32.2f  %6.2f  %21.4f  %28d  %8.3f  %s%n", labels.get(i), sorted[sorted.length - 1], sorted[sorted.length / 2],
                    1 / sorted[sorted.length / 2],
                    plans.get(i).integrator().forceEvaluations(plans.get(i).steps()), msPerForce, gflops);
            plans.get(i).close();
        }
        if (compare) {
            if (enqueuedPerForce >= 0) {
                out.printf("bench: one S_FT force enqueues %d kernel launches and device copies on %s%n",
                        enqueuedPerForce, first.context().backend().name());
            }
            if (first.transform().get() instanceof PlanSized sized) {
                out.printf("bench: the S_FT force plan holds %.1f MB at its peak (%d weights; the field itself is %.1f MB)%n",
                        sized.forcePlanBytes() / 1e6, first.transform().get().weights().count(),
                        first.lattice().links() * first.group().storage() * 8 / 1e6);
            }
            out.println("    run  FT-HMC s/trajectory (median)  plain HMC s/trajectory (median)  FT-HMC / HMC");
            for (int i = 0; i < plans.size(); i++) {
                double[] ft = rates[i].clone();
                java.util.Arrays.sort(ft);
                double[] p = plainSeconds[i].clone();
                java.util.Arrays.sort(p);
                double ftSeconds = 1 / ft[ft.length / 2];
                out.printf("%7s  %28.5f  %31.6f  %12.1f%n", labels.get(i), ftSeconds, p[p.length / 2], ftSeconds / p[p.length / 2]);
                plain.get(i).close();
            }
        }
        printPerRank(first, labels, everyRank, out);
        return Main.OK;
    }

    /**
     * Split over processes: each rank's seconds in the timed trajectories of each run (all: every rank's seconds,
     * halo exchange seconds and other MPI seconds per run, rank after rank), split into compute (the rest), halo
     * exchanges and other MPI calls.
     */
    private static void printPerRank(RunPlan first, List<String> labels, double[] all, PrintStream out) {
        int perProcess = 3 * labels.size();
        int ranks = all.length / perProcess;
        if (ranks == 1) {
            return;
        }
        out.printf("bench: %d processes, %s; seconds of the timed trajectories per rank:%n", ranks, first.lattice().pieces());
        out.println("    run  rank  total  compute  halo exchange  other MPI calls");
        for (int i = 0; i < labels.size(); i++) {
            for (int r = 0; r < ranks; r++) {
                double total = all[r * perProcess + 3 * i];
                double halo = all[r * perProcess + 3 * i + 1];
                double other = all[r * perProcess + 3 * i + 2];
                out.printf("%7s  %4d  %5.2f  %7.2f  %13.2f  %15.2f%n", labels.get(i), r, total, total - halo - other, halo, other);
            }
        }
    }

    /**
     * Operations one force evaluation at a newly reached field enqueues on the run's backend (a force at another field
     * first), or −1 where the backend does not count them.
     */
    private static long enqueuedPerForce(RunPlan plan, LinkField u) {
        double[] sink = new double[u.lattice().links() * u.group().algebraDimension()];
        plan.sampledAction().addForce(LinkField.hot(u.lattice(), u.group(), 2, 0), 1e-12, sink);
        java.util.OptionalLong before = plan.context().backend().enqueued();
        if (before.isEmpty()) {
            return -1;
        }
        plan.sampledAction().addForce(u, 1e-12, sink);
        return plan.context().backend().enqueued().getAsLong() - before.getAsLong();
    }

    /** Milliseconds per force evaluation, and the flops of the host DSL graphs one evaluation ran (0: none). */
    private record ForceTiming(double millis, double graphFlops) {
    }

    /**
     * Times force evaluations (median of 5 rounds of n, after n for warm-up), alternating between u and another
     * field: as in molecular dynamics every evaluation is at a new field, so nothing a transform keeps for the field
     * it last mapped is reused.
     */
    private static ForceTiming forceTiming(RunPlan plan, LinkField u, int n) {
        double[] sink = new double[u.lattice().links() * u.group().algebraDimension()];
        LinkField[] fields = {u, LinkField.hot(u.lattice(), u.group(), 2, 0)};
        for (int i = 0; i < n; i++) {
            plan.sampledAction().addForce(fields[i % 2], 1e-12, sink);
        }
        double[] ms = new double[5];
        double flopsBefore = CompiledGraph.flopsRun();
        for (int r = 0; r < ms.length; r++) {
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                plan.sampledAction().addForce(fields[i % 2], 1e-12, sink);
            }
            ms[r] = (System.nanoTime() - start) / 1e6 / n;
        }
        double graphFlops = (CompiledGraph.flopsRun() - flopsBefore) / (ms.length * n);
        java.util.Arrays.sort(ms);
        return new ForceTiming(ms[ms.length / 2], graphFlops);
    }

    private static int run(RunPlan plan, LinkField u, long firstTrajectory, int n) {
        HmcUpdater updater = new HmcUpdater(plan.sampledAction(), plan.integrator(), plan.context().loops(), plan.context().communicator());
        int accepted = 0;
        for (int k = 0; k < n; k++) {
            accepted += updater.trajectory(u, 1, 0, firstTrajectory + k, plan.trajectoryLength(), plan.steps(), true).accepted() ? 1 : 0;
        }
        return accepted;
    }

    /** The flops per site an action counts for its force (0 when it does not count them). */
    private static double countedFlops(GaugeAction action) {
        return action instanceof FlopCounted counted ? counted.forceFlopsPerSite() : 0;
    }
}
