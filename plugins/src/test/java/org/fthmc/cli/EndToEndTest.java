package org.fthmc.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.fthmc.run.Checkpoint;
import org.fthmc.run.RunDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fthmc run}, {@code measure}, {@code plugins}, resume and --force, end to end and in-process. */
class EndToEndTest {
    private static final String CONFIG = """
            lattice.dims = [6, 6]
            action { type = u1-wilson, beta = 2.0 }
            integrator { type = omelyan, steps = 5, trajectory-length = 1.0 }
            hmc { trajectories = 40, thermalization = 10, streams = 2, seed = 7, reversibility-check-every = 10, threads = 2 }
            output { checkpoint-every = 7, save-configs-every = 20, progress = lines }
            """;

    @TempDir
    Path dir;

    private Path config(String text) throws IOException {
        return Files.writeString(dir.resolve("run.conf"), text);
    }

    @Test
    void runWritesEveryDocumentedOutput() throws IOException {
        Path out = dir.resolve("run");
        CliRunner r = CliRunner.run("run", config(CONFIG).toString(), "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("plaquette") && r.out().contains("exact"), r.out());

        List<String> csv = Files.readAllLines(out.resolve(RunDirectory.MEASUREMENTS));
        assertEquals("stream,trajectory,accepted,dH,action_density,plaquette,rectangle,topological_charge,force_evaluations,seconds", csv.get(0));
        assertEquals(1 + 2 * 40, csv.size());
        assertTrue(csv.get(1).startsWith("0,0,") && csv.get(2).startsWith("1,0,"), "streams advance in lockstep");

        Config summary = ConfigFactory.parseFile(out.resolve(RunDirectory.SUMMARY).toFile());
        assertEquals(80, summary.getInt("trajectories"));
        for (String key : List.of("acceptance.mean", "exp_minus_dH.mean", "exp_minus_dH.error", "observables.plaquette.mean",
                "observables.plaquette.error", "observables.plaquette.tau_int", "tunnelling.q2.mean", "tunnelling.delta_md",
                "exact.plaquette", "exact.q2", "reversibility.max_link_distance")) {
            assertTrue(summary.hasPath(key), key + " missing from summary.json");
        }
        assertTrue(summary.getDouble("reversibility.max_link_distance") < 1e-12);
        assertEquals(10, summary.getInt("force_evaluations_per_trajectory"));

        Config resolved = ConfigFactory.parseFile(out.resolve(RunDirectory.CONFIG).toFile());
        assertEquals(0.1931833275037836, resolved.getDouble("integrator.lambda"));
        assertEquals(2.0, resolved.getDouble("action.beta"));
        assertEquals(out.toString(), resolved.getString("output.dir"));

        byte[] png = Files.readAllBytes(out.resolve(RunDirectory.PLOT));
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
        assertTrue(Files.isRegularFile(out.resolve(RunDirectory.CHECKPOINT)));
        assertEquals(80, Checkpoint.read(out.resolve(RunDirectory.CHECKPOINT)).measurementRows());
    }

    @Test
    void measureReproducesThePlaquetteOfSavedConfigurations() throws IOException {
        Path out = dir.resolve("run");
        assertEquals(0, CliRunner.run("run", config(CONFIG).toString(), "--out", out.toString()).exitCode());
        List<Path> saved;
        try (Stream<Path> s = Files.list(out.resolve(RunDirectory.CONFIGS))) {
            saved = s.sorted().toList();
        }
        assertEquals(4, saved.size(), "2 streams x 2 saves");
        CliRunner r = CliRunner.run(Stream.concat(Stream.of("measure"), saved.stream().map(Path::toString)).toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(4, lines.size());
        // stream0_traj000019 is the first file: its plaquette must equal the CSV row (stream 0, trajectory 19)
        Config first = ConfigFactory.parseString(lines.get(0));
        String row = Files.readAllLines(out.resolve(RunDirectory.MEASUREMENTS)).stream()
                .filter(l -> l.startsWith("0,19,")).findFirst().orElseThrow();
        assertEquals(Double.parseDouble(row.split(",")[5]), first.getDouble("plaquette"));
        assertEquals(Math.rint(first.getDouble("topological_charge")), first.getDouble("topological_charge"), 1e-12);
    }

    @Test
    void flowedCloverChargeAndScalesInRunsAndFromMeasure() throws IOException {
        Path out = dir.resolve("flow");
        String text = """
                lattice { dims = [4, 4, 4, 4], group = su3, start = hot }
                action { type = sun-wilson, beta = 6.0 }
                hmc { updater = heatbath, thermalization = 5, trajectories = 2 }
                measurements.observables = [plaquette, { type = flow-charge, t = 0.4, step = 0.05 },
                    { type = flow-t2e, t = 0.4, step = 0.05, definition = clover }]
                output { progress = none, plot = false, save-configs-every = 1 }
                """;
        CliRunner r = CliRunner.run("run", config(text).toString(), "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        List<String> rows = Files.readAllLines(out.resolve(RunDirectory.MEASUREMENTS));
        List<String> header = List.of(rows.get(0).split(","));
        String[] last = rows.get(2).split(",");
        double t2e = Double.parseDouble(last[header.indexOf("flow_t2e_clover")]);
        assertTrue(t2e > 0 && t2e < 0.3, "t^2 E at t = 0.4 on a beta = 6 field: " + t2e);
        Path saved;
        try (Stream<Path> s = Files.list(out.resolve(RunDirectory.CONFIGS))) {
            saved = s.sorted().toList().getLast();
        }
        CliRunner m = CliRunner.run("measure", saved.toString(), "--flow", "0.4", "--flow-step", "0.05");
        assertEquals(0, m.exitCode(), m.err());
        Config json = ConfigFactory.parseString(m.out().lines().findFirst().orElseThrow());
        assertEquals(Double.parseDouble(last[header.indexOf("flow_q")]), json.getDouble("q_clover"), 1e-12,
                "the run and measure flow the same field alike");
        for (String key : List.of("t0", "w0", "t0_clover", "w0_clover")) {
            assertTrue(json.hasPathOrNull(key), key + " missing: " + json);
        }
    }

    @Test
    void ftHmcRunsRecordTheMapAndStartFromAPhysicalField() throws IOException {
        Path plain = dir.resolve("plain");
        String start = """
                lattice { dims = [6, 6], group = u1 }
                action { type = u1-wilson, beta = 2.0 }
                hmc { thermalization = 20, trajectories = 1 }
                output { progress = none, plot = false, save-configs-every = 1 }
                """;
        assertEquals(0, CliRunner.run("run", config(start).toString(), "--out", plain.toString()).exitCode());
        Path saved = plain.resolve(RunDirectory.CONFIGS).resolve("stream0_traj000000.fthmc");
        Path out = dir.resolve("ft");
        String text = """
                lattice { dims = [6, 6], group = u1, start = file, file = "%s" }
                action { type = u1-wilson, beta = 2.0 }
                transform { type = u1-masked-stout, sweeps = 1, network.channels = [2] }
                integrator.steps = 6
                hmc { thermalization = 0, trajectories = 5 }
                output { progress = none, plot = false, save-configs-every = 5 }
                """.formatted(saved.toString().replace("\\", "/"));
        CliRunner r = CliRunner.run("run", config(text).toString(), "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        List<String> rows = Files.readAllLines(out.resolve(RunDirectory.MEASUREMENTS));
        assertTrue(rows.get(0).contains("log_jacobian,force_l2,force_linf"), rows.get(0));
        assertEquals(6, rows.size());
        assertTrue(Files.isRegularFile(out.resolve(RunDirectory.WEIGHTS)));
        // the saved configuration is the physical field U = F(V): measure gives the CSV's plaquette
        Path last = out.resolve(RunDirectory.CONFIGS).resolve("stream0_traj000004.fthmc");
        Config json = ConfigFactory.parseString(CliRunner.run("measure", last.toString()).out().lines().findFirst().orElseThrow());
        List<String> header = List.of(rows.get(0).split(","));
        assertEquals(Double.parseDouble(rows.get(5).split(",")[header.indexOf("plaquette")]), json.getDouble("plaquette"), 1e-14);
        // reusing the run's weights file reproduces the run
        Path again = dir.resolve("ft-again");
        String reuse = text.replace("network.channels = [2] }", "network.channels = [2], seed = 99, weights = \"%s\" }"
                .formatted(out.resolve(RunDirectory.WEIGHTS).toString().replace("\\", "/")));
        assertEquals(0, CliRunner.run("run", config(reuse).toString(), "--out", again.toString()).exitCode());
        List<String> rowsAgain = Files.readAllLines(again.resolve(RunDirectory.MEASUREMENTS));
        for (int i = 1; i < rows.size(); i++) {
            String[] a = rows.get(i).split(",");
            String[] b = rowsAgain.get(i).split(",");
            assertEquals(List.of(a).subList(0, a.length - 1), List.of(b).subList(0, b.length - 1), "row " + i);
        }
    }

    @Test
    void compareReportsTunnellingGainsOverABaselineAndRefusesOtherTheories() throws IOException {
        String base = """
                lattice.dims = [6, 6]
                action { type = u1-wilson, beta = 1.5 }
                integrator { type = omelyan, steps = %d, trajectory-length = 1.0 }
                hmc { trajectories = 60, thermalization = 5, streams = 2, seed = %d, threads = 1 }
                output { progress = none, plot = false }
                """;
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Path c = dir.resolve("c");
        assertEquals(0, CliRunner.run("run", config(base.formatted(4, 1)).toString(), "--out", a.toString()).exitCode());
        assertEquals(0, CliRunner.run("run", config(base.formatted(8, 2)).toString(), "--out", b.toString()).exitCode());
        assertEquals(0, CliRunner.run("run", config(base.formatted(8, 3)).toString(), "--out", c.toString()).exitCode());

        CliRunner table = CliRunner.run("compare", a.toString(), b + "," + c);
        assertEquals(0, table.exitCode(), table.err());
        assertTrue(table.out().contains("per force evaluation"), table.out());
        Config json = ConfigFactory.parseString(CliRunner.run("compare", "--json", a.toString(), b + "," + c).out());
        Config pooled = json.getConfigList("ensembles").get(0);
        assertEquals(240, pooled.getInt("trajectories"));
        assertEquals(4, pooled.getInt("replicas"));
        assertEquals(16, pooled.getInt("force_evaluations_per_trajectory"));
        assertEquals(8, json.getInt("baseline.force_evaluations_per_trajectory"));
        double perTrajectory = pooled.getDouble("gains.per_trajectory.mean");
        assertEquals(pooled.getDouble("dQ2.mean") / json.getDouble("baseline.dQ2.mean"), perTrajectory, 1e-12);
        assertEquals(perTrajectory / 2, pooled.getDouble("gains.per_force_evaluation.mean"), 1e-12);
        CliRunner tau = CliRunner.run("compare", "--json", "--observable", "plaquette", a.toString(), b + "," + c);
        assertEquals(0, tau.exitCode(), tau.err());
        Config byTau = ConfigFactory.parseString(tau.out());
        Config tauPooled = byTau.getConfigList("ensembles").get(0);
        assertEquals("plaquette", byTau.getString("observable"));
        assertEquals(byTau.getDouble("baseline.plaquette.tau_int") / tauPooled.getDouble("plaquette.tau_int"),
                tauPooled.getDouble("gains.per_trajectory.mean"), 1e-12);
        assertTrue(CliRunner.run("compare", "--observable", "plaquette", a.toString(), b + "," + c).out().contains("ratio of tau_int"));
        CliRunner noColumn = CliRunner.run("compare", "--observable", "flow_q", a.toString(), b.toString());
        assertEquals(Main.BAD_INPUT, noColumn.exitCode());
        assertTrue(noColumn.err().contains("no flow_q column"), noColumn.err());

        Path other = dir.resolve("other");
        assertEquals(0, CliRunner.run("run", config(base.formatted(4, 1).replace("beta = 1.5", "beta = 1.0")).toString(),
                "--out", other.toString()).exitCode());
        CliRunner refused = CliRunner.run("compare", a.toString(), other.toString());
        assertEquals(Main.BAD_INPUT, refused.exitCode());
        assertTrue(refused.err().contains("'action' differs"), refused.err());
        assertEquals(Main.BAD_INPUT, CliRunner.run("compare", a.toString()).exitCode());
        assertEquals(Main.BAD_INPUT, CliRunner.run("compare", a.toString(), b + "," + b).exitCode());
    }

    @Test
    void extendingAFinishedRunByResumeEqualsOneLongRun() throws IOException {
        Path whole = dir.resolve("whole");
        Path parts = dir.resolve("parts");
        Path conf = config(CONFIG);
        assertEquals(0, CliRunner.run("run", conf.toString(), "--out", whole.toString()).exitCode());
        assertEquals(0, CliRunner.run("run", conf.toString(), "--out", parts.toString(), "--set", "hmc.trajectories=15").exitCode());
        CliRunner r = CliRunner.run("run", "--resume", parts.toString(), "--set", "hmc.trajectories=40");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(withoutSeconds(whole), withoutSeconds(parts));
        Checkpoint a = Checkpoint.read(whole.resolve(RunDirectory.CHECKPOINT));
        Checkpoint b = Checkpoint.read(parts.resolve(RunDirectory.CHECKPOINT));
        assertTrue(a.fields().get(1).sameBits(b.fields().get(1)));
        CliRunner bad = CliRunner.run("run", "--resume", parts.toString(), "--set", "action.beta=3");
        assertEquals(2, bad.exitCode());
    }

    @Test
    void setValuesWithCommasStayWhole() throws IOException {
        Path out = dir.resolve("odd");
        CliRunner r = CliRunner.run("run", config(CONFIG).toString(), "--out", out.toString(), "--set", "lattice.dims=[3,5]",
                "--set", "hmc.trajectories=4");
        assertEquals(0, r.exitCode(), r.err());
        Config resolved = ConfigFactory.parseFile(out.resolve(RunDirectory.CONFIG).toFile());
        assertEquals(List.of(3, 5), resolved.getIntList("lattice.dims"));
    }

    @Test
    void forceReplacesAPreviousRun() throws IOException {
        Path out = dir.resolve("run");
        Path conf = config(CONFIG.replace("trajectories = 40", "trajectories = 3"));
        assertEquals(0, CliRunner.run("run", conf.toString(), "--out", out.toString()).exitCode());
        assertEquals(2, CliRunner.run("run", conf.toString(), "--out", out.toString()).exitCode());
        assertEquals(0, CliRunner.run("run", conf.toString(), "--out", out.toString(), "--force").exitCode());
    }

    @Test
    void tuningMovesTheStepCountTowardsTheTargetAcceptance() throws IOException {
        Path out = dir.resolve("tuned");
        String text = CONFIG.replace("steps = 5", "steps = 1").replace("trajectory-length = 1.0", "trajectory-length = 2.0")
                .replace("thermalization = 10", "thermalization = 200, tune = true, target-acceptance = 0.9")
                .replace("trajectories = 40", "trajectories = 200");
        CliRunner r = CliRunner.run("run", config(text).toString(), "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("tuning"), r.err());
        Config summary = ConfigFactory.parseFile(out.resolve(RunDirectory.SUMMARY).toFile());
        assertTrue(summary.getInt("steps") >= 3, "steps should grow from 1");
        // 400 production trajectories: the acceptance error is about 0.015; the step count is an integer, so the
        // tuned acceptance lies within a step's worth of the target.
        double acceptance = summary.getDouble("acceptance.mean");
        assertTrue(acceptance > 0.75 && acceptance < 0.995, "acceptance " + acceptance);
    }

    @Test
    void convertBetweenFormatsKeepsTheConfiguration() throws IOException {
        Path ildg = ShippedConfigsTest.repositoryRoot().resolve("testdata/peer-configs/ildg.l8t4b3360");
        Path nersc = dir.resolve("c.nersc");
        Path back = dir.resolve("c.ildg");
        Path own = dir.resolve("c.fthmc");
        assertEquals(0, CliRunner.run("convert", ildg.toString(), nersc.toString(), "--to", "nersc").exitCode());
        assertEquals(0, CliRunner.run("convert", nersc.toString(), back.toString(), "--to", "ildg").exitCode());
        assertEquals(0, CliRunner.run("convert", back.toString(), own.toString(), "--to", "fthmc").exitCode());
        CliRunner m = CliRunner.run("measure", ildg.toString(), own.toString());
        assertEquals(0, m.exitCode(), m.err());
        List<String> lines = m.out().lines().toList();
        assertEquals(ConfigFactory.parseString(lines.get(0)).getDouble("plaquette"),
                ConfigFactory.parseString(lines.get(1)).getDouble("plaquette"));
        CliRunner again = CliRunner.run("convert", ildg.toString(), nersc.toString(), "--to", "nersc");
        assertEquals(2, again.exitCode());
        assertTrue(again.err().contains("--force"));
        assertEquals(2, CliRunner.run("convert", ildg.toString(), dir.resolve("x").toString(), "--to", "nersk").exitCode());
    }

    @Test
    void convertTilesAConfigurationOntoALargerLattice() throws IOException {
        Path ildg = ShippedConfigsTest.repositoryRoot().resolve("testdata/peer-configs/ildg.l8t4b3360");
        Path tiled = dir.resolve("tiled.fthmc");
        CliRunner c = CliRunner.run("convert", ildg.toString(), tiled.toString(), "--to", "fthmc", "--tile", "1,1,2,3");
        assertEquals(0, c.exitCode(), c.err());
        assertTrue(c.out().contains("[8, 8, 16, 12]"), c.out());
        CliRunner m = CliRunner.run("measure", ildg.toString(), tiled.toString());
        assertEquals(0, m.exitCode(), m.err());
        List<String> lines = m.out().lines().toList();
        assertEquals(ConfigFactory.parseString(lines.get(0)).getDouble("plaquette"),
                ConfigFactory.parseString(lines.get(1)).getDouble("plaquette"), 1e-14);
        assertEquals(List.of(8, 8, 16, 12), ConfigFactory.parseString(lines.get(1)).getIntList("dims"));
        Path wrong = dir.resolve("wrong.fthmc");
        CliRunner bad = CliRunner.run("convert", ildg.toString(), wrong.toString(), "--to", "fthmc", "--tile", "2,2");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("--tile 2,2") && bad.err().contains("4 copy counts"), bad.err());
        assertTrue(Files.notExists(wrong));
    }

    @Test
    void heatBathRunsReproduceTheTwoDimensionalSu2Plaquette() throws IOException {
        Path out = dir.resolve("hb");
        String text = """
                lattice { dims = [8, 8], group = su2 }
                action { type = sun-wilson, beta = 2.0 }
                hmc { updater = heatbath, over-relaxations = 2, trajectories = 1500, thermalization = 50, streams = 2 }
                output { progress = none, plot = false }
                """;
        CliRunner r = CliRunner.run("run", config(text).toString(), "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        Config summary = ConfigFactory.parseFile(out.resolve(RunDirectory.SUMMARY).toFile());
        assertEquals(0, summary.getInt("force_evaluations_per_trajectory"));
        double mean = summary.getDouble("observables.plaquette.mean");
        double error = summary.getDouble("observables.plaquette.error");
        double exact = org.fthmc.plugins.action.U1Exact.besselI(2, 2.0) / org.fthmc.plugins.action.U1Exact.besselI(1, 2.0);
        assertEquals(exact, mean, 4 * error, mean + " +- " + error);
    }

    @Test
    void heatBathThermalisationHandsOverToHmc() throws IOException {
        Path out = dir.resolve("hb-hmc");
        String text = """
                lattice { dims = [8, 8], group = su2, start = hot }
                action { type = sun-wilson, beta = 2.0 }
                integrator { type = omelyan, steps = 6 }
                hmc { heatbath-sweeps = 10, thermalization = 10, trajectories = 800, streams = 2 }
                output { progress = none, plot = false }
                """;
        CliRunner r = CliRunner.run("run", config(text).toString(), "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        Config summary = ConfigFactory.parseFile(out.resolve(RunDirectory.SUMMARY).toFile());
        assertEquals(12, summary.getInt("force_evaluations_per_trajectory"), "production is HMC");
        double mean = summary.getDouble("observables.plaquette.mean");
        double error = summary.getDouble("observables.plaquette.error");
        double exact = org.fthmc.plugins.action.U1Exact.besselI(2, 2.0) / org.fthmc.plugins.action.U1Exact.besselI(1, 2.0);
        assertEquals(exact, mean, 4 * error, mean + " +- " + error);
        // a hot start has plaquette ~0; ten heat-bath sweeps must already have brought the first HMC field near equilibrium
        List<String> rows = Files.readAllLines(out.resolve(RunDirectory.MEASUREMENTS));
        int column = List.of(rows.get(0).split(",")).indexOf("plaquette");
        assertEquals(exact, Double.parseDouble(rows.get(1).split(",")[column]), 0.1, rows.get(1));
    }

    @Test
    void pluginsHelpAndVersion() {
        CliRunner p = CliRunner.run("plugins");
        assertEquals(0, p.exitCode());
        for (String s : List.of("u1-wilson", "beta", "omelyan4", "lambda", "0.1931833275037836", "topological-charge",
                "trajectory-length", "hmc:", "(required)")) {
            assertTrue(p.out().contains(s), s + " missing from fthmc plugins");
        }
        CliRunner h = CliRunner.run("--help");
        assertEquals(0, h.exitCode());
        assertTrue(h.out().contains("run") && h.out().contains("measure") && h.out().contains("bench"));
        CliRunner v = CliRunner.run("--version");
        assertEquals(0, v.exitCode());
        assertTrue(v.out().startsWith("fthmc 0."), v.out());
    }

    @Test
    void benchTrainReportsOneStepsLossAndMemoryAndRefusesBadInput() {
        String config = """
                lattice { dims = [4, 4], group = u1 }
                action { type = u1-wilson, beta = 3 }
                transform { type = u1-masked-stout, sweeps = 1, network.channels = [2] }
                train.loss { type = norms, norms = [2], norm-weights = [1.0], max-weight = 0.5 }
                """;
        CliRunner r = CliRunner.run("bench-train", "--config", config, "--beta-target", "2.5", "--steps", "1", "--threads", "1");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("loss norms") && r.out().contains("per step") && r.out().contains("MB of buffers"), r.out());
        assertEquals(2, CliRunner.run("bench-train", "--steps", "0").exitCode());
        CliRunner typo = CliRunner.run("bench-train", "--config", config.replace("type = norms", "type = norm"), "--steps", "1");
        assertEquals(2, typo.exitCode());
        assertTrue(typo.err().contains("did you mean 'norms'"), typo.err());
    }

    static List<String> withoutSeconds(Path run) throws IOException {
        return Files.readAllLines(run.resolve(RunDirectory.MEASUREMENTS)).stream()
                .map(l -> l.substring(0, l.lastIndexOf(','))).toList();
    }
}
