package org.fthmc.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fthmc.config.RunConfig;
import org.fthmc.run.RunDirectory;
import org.fthmc.run.RunPlan;
import org.fthmc.spi.PluginRegistry;
import org.fthmc.train.TrainPlan;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fthmc train}: outputs, a falling loss, bit-identical resume, and configs refused before training. */
class TrainTest {
    @TempDir
    Path dir;

    private Path data;

    @BeforeEach
    void ensemble() throws IOException {
        Path run = dir.resolve("ensemble");
        Path conf = Files.writeString(dir.resolve("data.conf"), """
                lattice { dims = [4, 4], group = u1 }
                action { type = u1-wilson, beta = 2.5 }
                hmc { thermalization = 20, trajectories = 8 }
                output { progress = none, plot = false, save-configs-every = 1 }
                """);
        assertEquals(0, CliRunner.run("run", conf.toString(), "--out", run.toString()).exitCode());
        data = run.resolve(RunDirectory.CONFIGS);
    }

    private Path config(String train) throws IOException {
        return Files.writeString(dir.resolve("train.conf"), """
                lattice { dims = [4, 4], group = u1 }
                action { type = u1-wilson, beta = 2.5 }
                transform { type = u1-masked-stout, sweeps = 1, network.channels = [2] }
                train { data = ["%s"], beta-target = 2.0, loss { type = norms, norms = [2, 4], norm-weights = [1.0, 0.5] }, batch = 2,
                        validation = 0.25, validate-every = 5, checkpoint-every = 5, rate = 0.01, %s }
                """.formatted(data.toString().replace("\\\\", "/"), train));
    }

    @Test
    void trainingLowersTheLossAndWritesItsOutputs() throws IOException {
        Path out = dir.resolve("train");
        CliRunner r = CliRunner.run("train", config("steps = 10").toString(), "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        List<String> rows = Files.readAllLines(out.resolve(RunDirectory.TRAIN_CSV));
        assertEquals("step,loss,rate,validation_loss,seconds", rows.get(0));
        assertEquals(11, rows.size());
        double firstValidation = Double.parseDouble(rows.get(5).split(",")[3]);
        double lastValidation = Double.parseDouble(rows.get(10).split(",")[3]);
        assertTrue(lastValidation < firstValidation, firstValidation + " -> " + lastValidation);
        for (String f : List.of(RunDirectory.TRAIN_STATE, RunDirectory.TRAIN_PLOT, RunDirectory.WEIGHTS, RunDirectory.CONFIG)) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
    }

    @Test
    void zeroStepsEvaluatesTheGivenWeightsWithoutChangingThem() throws IOException {
        Path trained = dir.resolve("trained");
        assertEquals(0, CliRunner.run("train", config("steps = 10").toString(), "--out", trained.toString()).exitCode());
        List<String> rows = Files.readAllLines(trained.resolve(RunDirectory.TRAIN_CSV));
        String lastValidation = rows.get(10).split(",")[3];
        Path evaluated = dir.resolve("evaluated");
        CliRunner r = CliRunner.run("train", config("steps = 0").toString(), "--out", evaluated.toString(),
                "--set", "transform.weights=" + trained.resolve(RunDirectory.WEIGHTS).toString().replace("\\", "/"));
        assertEquals(0, r.exitCode(), r.err());
        // the evaluation's validation loss is the trained job's last one: the same weights on the same held-out data
        assertTrue(r.out().contains("validation_loss") && r.out().contains(lastValidation), r.out());
    }

    @Test
    void resumingEqualsAnUninterruptedJob() throws IOException {
        Path whole = dir.resolve("whole");
        assertEquals(0, CliRunner.run("train", config("steps = 10").toString(), "--out", whole.toString()).exitCode());
        Path parts = dir.resolve("parts");
        assertEquals(0, CliRunner.run("train", config("steps = 5").toString(), "--out", parts.toString()).exitCode());
        CliRunner r = CliRunner.run("train", "--resume", parts.toString(), "--set", "train.steps=10");
        assertEquals(0, r.exitCode(), r.err());
        List<String> a = Files.readAllLines(whole.resolve(RunDirectory.TRAIN_CSV));
        List<String> b = Files.readAllLines(parts.resolve(RunDirectory.TRAIN_CSV));
        assertEquals(a.size(), b.size());
        for (int i = 1; i < a.size(); i++) {
            assertEquals(a.get(i).substring(0, a.get(i).lastIndexOf(',')), b.get(i).substring(0, b.get(i).lastIndexOf(',')), "row " + i);
        }
        assertArrayEquals(Files.readAllBytes(whole.resolve(RunDirectory.WEIGHTS)), Files.readAllBytes(parts.resolve(RunDirectory.WEIGHTS)));
        assertEquals(10, com.typesafe.config.ConfigFactory.parseFile(parts.resolve(RunDirectory.CONFIG).toFile()).getInt("train.steps"),
                "the new length is recorded");

        String config = Files.readString(parts.resolve(RunDirectory.CONFIG));
        r = CliRunner.run("train", "--resume", parts.toString(), "--set", "train.steps=7");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("train.steps = 7 is below the 10 steps"), r.err());
        assertEquals(config, Files.readString(parts.resolve(RunDirectory.CONFIG)), "a refused resume writes nothing");
        assertEquals(b, Files.readAllLines(parts.resolve(RunDirectory.TRAIN_CSV)));
    }

    @Test
    void patchTrainingRunsOnRandomBoxesAndResumesBitIdentically() throws IOException {
        Path run = dir.resolve("wide-ensemble");
        Path conf = Files.writeString(dir.resolve("wide.conf"), """
                lattice { dims = [12, 4], group = u1 }
                action { type = u1-wilson, beta = 2.5 }
                hmc { thermalization = 20, trajectories = 6 }
                output { progress = none, plot = false, save-configs-every = 1 }
                """);
        assertEquals(0, CliRunner.run("run", conf.toString(), "--out", run.toString()).exitCode());
        String train = """
                lattice { dims = [12, 4], group = u1 }
                action { type = u1-wilson, beta = 2.5 }
                transform { type = u1-masked-stout, sweeps = 1, network { channels = [2], kernel = 1 } }
                train { data = ["%s"], beta-target = 2.0, batch = 2, validation = 0.34, validate-every = 2, checkpoint-every = 2,
                        rate = 0.01, patch = [6, 4], frozen = 2, steps = %d }
                """;
        String data = run.resolve(RunDirectory.CONFIGS).toString().replace("\\", "/");
        Path whole = dir.resolve("patches-whole");
        CliRunner r = CliRunner.run("train", Files.writeString(dir.resolve("p4.conf"), train.formatted(data, 4)).toString(),
                "--out", whole.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue((r.out() + r.err()).contains("patches of [6, 4]"), r.out() + r.err());
        Path parts = dir.resolve("patches-parts");
        assertEquals(0, CliRunner.run("train", Files.writeString(dir.resolve("p2.conf"), train.formatted(data, 2)).toString(),
                "--out", parts.toString()).exitCode());
        r = CliRunner.run("train", "--resume", parts.toString(), "--set", "train.steps=4");
        assertEquals(0, r.exitCode(), r.err());
        List<String> a = Files.readAllLines(whole.resolve(RunDirectory.TRAIN_CSV));
        List<String> b = Files.readAllLines(parts.resolve(RunDirectory.TRAIN_CSV));
        assertEquals(5, a.size());
        for (int i = 1; i < a.size(); i++) {
            assertEquals(a.get(i).substring(0, a.get(i).lastIndexOf(',')), b.get(i).substring(0, b.get(i).lastIndexOf(',')), "row " + i);
        }
        assertArrayEquals(Files.readAllBytes(whole.resolve(RunDirectory.WEIGHTS)), Files.readAllBytes(parts.resolve(RunDirectory.WEIGHTS)));
    }

    @Test
    void badTrainingConfigsStopBeforeTraining() throws IOException {
        Path out = dir.resolve("bad");
        String[][] cases = {
            {"steps = 3, beta-target = 0", "must be > 0"},
            {"steps = 3, loss { type = norms, norms = [3], norm-weights = [1.0] }", "even"},
            {"steps = 3, loss { type = norms, norm-weights = [1.0] }", "one weight per norm"},
            {"steps = 3, loss { type = norms, norm-weights = [0, 0] }", "constant"},
            {"steps = 3, loss { type = norms, max-weight = -1 }", "max-weight"},
            {"steps = 3, batch = 50", "batch"},
            {"steps = 3, loss { type = lme }", "log-mean-exp"},
            {"steps = 3, loss { type = log-mean-exp, norms = [2] }", "norms"},
            {"steps = 3, patch = [4, 4, 4]", "patch of 3 extents"},
            {"steps = 3, patch = [5, 4]", "not in [1, 4]"},
            {"steps = 3, patch = [3, 4]", "leaves no interior"},
            {"steps = 3, patch = [4, 4], frozen = 0", "frozen"},
        };
        for (String[] c : cases) {
            CliRunner r = CliRunner.run("train", config(c[0]).toString(), "--out", out.toString());
            assertEquals(2, r.exitCode(), c[0]);
            assertTrue(r.err().contains(c[1]) && r.err().contains("train."), c[0] + ": " + r.err());
            assertTrue(Files.notExists(out), "nothing may be written for a bad config");
        }
        Path empty = Files.createDirectory(dir.resolve("empty"));
        Path conf = Files.writeString(dir.resolve("empty.conf"), Files.readString(config("steps = 3"))
                .replace(data.toString().replace("\\\\", "/"), empty.toString().replace("\\\\", "/")));
        CliRunner r = CliRunner.run("train", conf.toString(), "--out", out.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("no gauge files"), r.err());
        Path noTransform = Files.writeString(dir.resolve("plain.conf"), Files.readString(config("steps = 3"))
                .replace("transform { type = u1-masked-stout, sweeps = 1, network.channels = [2] }", ""));
        r = CliRunner.run("train", noTransform.toString(), "--out", out.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("needs a transform with weights"), r.err());
        r = CliRunner.run("train", noTransform.toString(), "--out", out.toString(), "--set", "train.patch=[4, 4]");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("needs a transform with weights"), r.err());
        assertTrue(Files.notExists(out), "nothing may be written for a bad config");
    }

    @Test
    void aPatchJobBuildsItsTransformOnlyOnThePatch() throws IOException {
        PluginRegistry registry = PluginRegistry.discover();
        RunConfig wholeConfig = RunConfig.load(config("steps = 3"), List.of());
        RunConfig patchConfig = RunConfig.load(config("steps = 3, patch = [4, 4]"), List.of());
        try (RunPlan whole = TrainPlan.runPlan(wholeConfig, registry); RunPlan patched = TrainPlan.runPlan(patchConfig, registry)) {
            assertTrue(whole.transform().isPresent());
            assertTrue(patched.transform().isEmpty(), "the whole lattice's transform is not built for a patch job");
            assertTrue(patched.renderResolved().contains("u1-masked-stout"), "the resolved config keeps the transform block");
            assertEquals(TrainPlan.build(wholeConfig, whole, registry).chain().weights().count(),
                    TrainPlan.build(patchConfig, patched, registry).chain().weights().count());
        }
    }
}
