package org.fthmc.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.fthmc.ConfigError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SamplerComparisonTest {
    private static final int TRAJECTORIES = 4000;

    @TempDir
    Path tmp;

    /** A finished run's directory: a resolved config and measurements.csv with the given charge history. */
    private Path run(String name, String extraConfig, int forces, double seconds, IntToDoubleFunction charge) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Files.writeString(dir.resolve(RunDirectory.CONFIG), """
                lattice { dims = [8, 8], group = u1, start = cold }
                action { type = u1-wilson, beta = 6.0 }
                integrator { type = omelyan, steps = 10, trajectory-length = 4.0 }
                hmc { streams = 1, threads = 1, seed = 1, trajectories = 4000, thermalization = 0 }
                output { dir = "%s" }
                """.formatted(dir) + extraConfig);
        StringBuilder csv = new StringBuilder("stream,trajectory,accepted,topological_charge,force_evaluations,seconds\n");
        for (int i = 0; i < TRAJECTORIES; i++) {
            csv.append("0,").append(i).append(",1,").append(charge.applyAsDouble(i)).append(',').append(forces).append(',')
                    .append(seconds).append('\n');
        }
        Files.writeString(dir.resolve(RunDirectory.MEASUREMENTS), csv);
        return dir;
    }

    @Test
    void gainsAreRatiosOfDeltaQ2ScaledByForcesAndSeconds() throws IOException {
        // a lag of 16 / 4 = 4 trajectories: Q steps every 8 trajectories -> half the pairs differ by 1 (dQ2 = 1/2);
        // Q steps every 4 -> every pair differs by 1 (dQ2 = 1)
        Ensemble base = Ensemble.read(List.of(run("base", "", 20, 0.001, i -> Math.floor(i / 8.0))));
        Ensemble ft = Ensemble.read(List.of(run("ft", "transform { type = u1-masked-stout }", 10, 0.01, i -> Math.floor(i / 4.0))));
        SamplerComparison c = SamplerComparison.of(base, List.of(ft));

        assertEquals(0.5, c.baseline().deltaQ2().mean(), 2e-3);
        assertEquals(1.0, c.others().get(0).deltaQ2().mean(), 1e-12);
        SamplerComparison.Gains g = c.gains(c.others().get(0));
        double ratio = c.others().get(0).deltaQ2().mean() / c.baseline().deltaQ2().mean();
        assertEquals(2.0, ratio, 1e-2);
        assertEquals(ratio, g.perTrajectory().mean(), 1e-12);
        assertEquals(ratio * 20 / 10, g.perForceEvaluation().mean(), 1e-12);
        assertEquals(ratio * 0.001 / 0.01, g.perSecond().mean(), 1e-12);
        double relative = Math.hypot(c.baseline().deltaQ2().error() / c.baseline().deltaQ2().mean(),
                c.others().get(0).deltaQ2().error() / c.others().get(0).deltaQ2().mean());
        assertTrue(relative > 0, "the baseline's jackknife error is not zero");
        assertEquals(ratio * relative, g.perTrajectory().error(), 1e-12);
        assertEquals(g.perSecond().mean() * relative, g.perSecond().error(), 1e-12);
        assertEquals("u1-masked-stout", ft.transform());
    }

    @Test
    void autocorrelationGainsAreRatiosOfTauIntScaledByForcesAndSeconds() throws IOException {
        // uniform values constant over blocks of b trajectories: rho(t) = 1 - t/b, so tau_int = b/2 (4 and 1)
        Ensemble base = Ensemble.read(List.of(run("base", "", 20, 0.001, i -> new java.util.SplittableRandom(i / 8).nextDouble())),
                Ensemble.CHARGE);
        Ensemble ft = Ensemble.read(List.of(run("ft", "transform { type = u1-masked-stout }", 10, 0.01,
                i -> new java.util.SplittableRandom(1_000_000 + i / 2).nextDouble())), Ensemble.CHARGE);
        AutocorrelationComparison c = AutocorrelationComparison.of(base, List.of(ft));

        var b = c.baseline().estimate();
        var r = c.others().get(0).estimate();
        assertEquals(4.0, b.tauInt(), 4 * b.tauIntError());
        assertEquals(1.0, r.tauInt(), 4 * r.tauIntError());
        SamplerComparison.Gains g = c.gains(c.others().get(0));
        double ratio = b.tauInt() / r.tauInt();
        assertEquals(ratio, g.perTrajectory().mean(), 1e-12);
        assertEquals(ratio * 20 / 10, g.perForceEvaluation().mean(), 1e-12);
        assertEquals(ratio * 0.001 / 0.01, g.perSecond().mean(), 1e-12);
        double relative = Math.hypot(b.tauIntError() / b.tauInt(), r.tauIntError() / r.tauInt());
        assertTrue(relative > 0 && relative < 0.3, "4 000 trajectories pin both tau_int to within 30 %: " + relative);
        assertEquals(ratio * relative, g.perTrajectory().error(), 1e-12);
        assertEquals(4.0, ratio, 4 * ratio * relative);

        Ensemble constant = Ensemble.read(List.of(run("constant", "", 20, 0.001, i -> 0.25)), Ensemble.CHARGE);
        assertTrue(assertThrows(ConfigError.class, () -> AutocorrelationComparison.of(constant, List.of(ft))).getMessage()
                .contains("never changed"));
        Ensemble other = Ensemble.read(List.of(run("beta", "action.beta = 7.0", 20, 0.001, i -> i % 3)), Ensemble.CHARGE);
        assertTrue(assertThrows(ConfigError.class, () -> AutocorrelationComparison.of(base, List.of(other))).getMessage()
                .contains("'action'"));
        assertTrue(assertThrows(ConfigError.class, () -> Ensemble.read(List.of(tmp.resolve("base")), "flow_q")).getMessage()
                .contains("no flow_q column"));
    }

    @Test
    void pooledRunsAreReplicasOfOneSampler() throws IOException {
        Path a = run("a", "", 20, 0.001, i -> Math.floor(i / 8.0));
        Path b = run("b", "hmc.seed = 2", 20, 0.003, i -> Math.floor(i / 4.0));
        Ensemble pooled = Ensemble.read(List.of(a, b));
        assertEquals(2, pooled.series().size());
        assertEquals(2 * TRAJECTORIES, pooled.trajectories());
        assertEquals(0.002, pooled.secondsPerTrajectory(), 1e-12);
        assertEquals(0.75, Tunnelling.deltaQ2(pooled.series(), 4).mean(), 2e-3);
    }

    @Test
    void mismatchedOrUnusableRunsAreRefusedByName() throws IOException {
        Path a = run("a", "", 20, 0.001, i -> Math.floor(i / 8.0));
        Path threads = run("threads", "hmc.threads = 2", 20, 0.001, i -> Math.floor(i / 8.0));
        Path steps = run("steps", "hmc.seed = 3", 22, 0.001, i -> Math.floor(i / 8.0));
        Path beta = run("beta", "action.beta = 7.0", 20, 0.001, i -> Math.floor(i / 8.0));
        Path frozen = run("frozen", "", 20, 0.001, i -> 0);

        assertTrue(assertThrows(ConfigError.class, () -> Ensemble.read(List.of(a, threads))).getMessage().contains("hmc.threads"));
        assertTrue(assertThrows(ConfigError.class, () -> Ensemble.read(List.of(a, steps))).getMessage().contains("force evaluations"));
        assertTrue(assertThrows(ConfigError.class, () -> Ensemble.read(List.of(a, a))).getMessage().contains("twice"));
        Ensemble base = Ensemble.read(List.of(a));
        Ensemble other = Ensemble.read(List.of(beta));
        assertTrue(assertThrows(ConfigError.class, () -> SamplerComparison.of(base, List.of(other))).getMessage().contains("'action'"));
        Ensemble still = Ensemble.read(List.of(frozen));
        assertTrue(assertThrows(ConfigError.class, () -> SamplerComparison.of(still, List.of(base))).getMessage().contains("never changed"));
        assertTrue(assertThrows(ConfigError.class, () -> Ensemble.read(List.of(tmp.resolve("none")))).getMessage().contains("not an fthmc run"));

        Path noCharge = Files.createDirectories(tmp.resolve("nocharge"));
        Files.copy(a.resolve(RunDirectory.CONFIG), noCharge.resolve(RunDirectory.CONFIG));
        Files.writeString(noCharge.resolve(RunDirectory.MEASUREMENTS), "stream,trajectory,accepted,force_evaluations,seconds\n0,0,1,20,0.1\n");
        assertTrue(assertThrows(ConfigError.class, () -> Ensemble.read(List.of(noCharge))).getMessage().contains("topological_charge"));
    }
}
