package org.fthmc.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fthmc.config.RunConfig;
import org.fthmc.run.RunPlan;
import org.fthmc.run.RunDirectory;
import org.fthmc.spi.PluginRegistry;
import org.fthmc.spi.Weights;
import org.fthmc.transform.WeightsFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code run} guarantees about a job directory through the command line: a refused --force or --resume
 * changes nothing, a resume never shortens a run, a locked directory is refused, a diverging run stops with its
 * last checkpoint kept, and a key set twice in a config is reported.
 */
class JobDirectoryTest {
    private static final String CONFIG = """
            lattice.dims = [4, 4]
            action { type = u1-wilson, beta = 2 }
            hmc { trajectories = 3, thermalization = 1, seed = 5 }
            output { progress = none, plot = false }
            """;

    @TempDir
    Path dir;

    private Path config(String text) throws IOException {
        return Files.writeString(dir.resolve("run.conf"), text);
    }

    private Path finishedRun() throws IOException {
        Path out = dir.resolve("run");
        CliRunner r = CliRunner.run("run", config(CONFIG).toString(), "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        return out;
    }

    private static int trajectories(Path run) {
        return ConfigFactory.parseFile(run.resolve(RunDirectory.CONFIG).toFile()).getInt("hmc.trajectories");
    }

    @Test
    void forceNeverDeletesFilesFthmcDidNotWrite() throws IOException {
        Path work = Files.createDirectories(dir.resolve("work"));
        Files.writeString(work.resolve(RunDirectory.CONFIG), "lattice.dims = [4, 4]");
        Files.writeString(work.resolve("thesis.tex"), "precious");
        CliRunner r = CliRunner.run("run", config(CONFIG).toString(), "--out", work.toString(), "--force");
        assertEquals(2, r.exitCode(), r.err());
        assertEquals("precious", Files.readString(work.resolve("thesis.tex")));

        Path run = finishedRun();
        Files.writeString(run.resolve("thesis.tex"), "precious");
        r = CliRunner.run("run", config(CONFIG).toString(), "--out", run.toString(), "--force");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("thesis.tex"), r.err());
        assertTrue(Files.exists(run.resolve(RunDirectory.MEASUREMENTS)), "nothing was deleted");

        Files.delete(run.resolve("thesis.tex"));
        r = CliRunner.run("run", config(CONFIG.replace("seed = 5", "seed = 6")).toString(), "--out", run.toString(), "--force");
        assertEquals(0, r.exitCode(), r.err());
    }

    @Test
    void aResumeIsCheckedBeforeItWritesAnything() throws IOException {
        Path run = finishedRun();
        byte[] config = Files.readAllBytes(run.resolve(RunDirectory.CONFIG));
        List<String> rows = Files.readAllLines(run.resolve(RunDirectory.MEASUREMENTS));

        CliRunner r = CliRunner.run("run", "--resume", run.toString(), "--set", "hmc.trajectories=2");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("hmc.trajectories = 2 is below the 3 production trajectories"), r.err());
        assertArrayEquals(config, Files.readAllBytes(run.resolve(RunDirectory.CONFIG)));
        assertEquals(rows, Files.readAllLines(run.resolve(RunDirectory.MEASUREMENTS)));

        // A log shorter than the checkpoint says: refused, and config.conf keeps the old length.
        Files.write(run.resolve(RunDirectory.MEASUREMENTS), rows.subList(0, 2));
        r = CliRunner.run("run", "--resume", run.toString(), "--set", "hmc.trajectories=5");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains(RunDirectory.MEASUREMENTS), r.err());
        assertArrayEquals(config, Files.readAllBytes(run.resolve(RunDirectory.CONFIG)));

        Files.write(run.resolve(RunDirectory.MEASUREMENTS), rows);
        r = CliRunner.run("run", "--resume", run.toString(), "--set", "hmc.trajectories=5");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(5, trajectories(run));
        assertEquals(6, Files.readAllLines(run.resolve(RunDirectory.MEASUREMENTS)).size());
    }

    @Test
    void aLockedDirectoryIsRefusedAndLeftAlone() throws IOException {
        Path run = finishedRun();
        byte[] measurements = Files.readAllBytes(run.resolve(RunDirectory.MEASUREMENTS));
        try (RunDirectory held = RunDirectory.existing(run, RunDirectory.Kind.RUN)) {
            for (String[] args : List.of(new String[] {"run", "--resume", run.toString(), "--set", "hmc.trajectories=5"},
                    new String[] {"run", config(CONFIG).toString(), "--out", run.toString(), "--force"})) {
                CliRunner r = CliRunner.run(args);
                assertEquals(2, r.exitCode(), r.err());
                assertTrue(r.err().contains("in use by another fthmc job (process " + ProcessHandle.current().pid() + ")"), r.err());
            }
        }
        assertArrayEquals(measurements, Files.readAllBytes(run.resolve(RunDirectory.MEASUREMENTS)));
        assertEquals(3, trajectories(run));
    }

    /** Weights so large that the network overflows to NaN: the action of the map is no longer finite. */
    private static void writeOverflowingWeights(Path conf, Path target) throws IOException {
        try (RunPlan plan = RunPlan.build(RunConfig.load(conf, List.of()), PluginRegistry.discover())) {
            Weights w = plan.transform().orElseThrow().weights();
            for (double[] values : w.values()) {
                java.util.Arrays.fill(values, 1e300);
            }
            WeightsFile.write(w, target);
        }
    }

    @Test
    void aRunWhoseEnergyTurnsNaNStopsWithItsLastCheckpointKept() throws IOException {
        String transform = "transform { type = u1-masked-stout, sweeps = 1, network.channels = [2] }\n";
        Path seeded = dir.resolve("seeded");
        assertEquals(0, CliRunner.run("run", config(CONFIG + transform).toString(), "--out", seeded.toString()).exitCode());
        Path weights = Files.copy(seeded.resolve(RunDirectory.WEIGHTS), dir.resolve("map.fthmcw"));
        Path ft = Files.writeString(dir.resolve("ft.conf"), CONFIG + transform.replace(" }", ", weights = \""
                + weights.toString().replace("\\", "/") + "\" }"));

        Path run = dir.resolve("ft");
        CliRunner r = CliRunner.run("run", ft.toString(), "--out", run.toString());
        assertEquals(0, r.exitCode(), r.err());
        byte[] checkpoint = Files.readAllBytes(run.resolve(RunDirectory.CHECKPOINT));

        writeOverflowingWeights(ft, weights);
        r = CliRunner.run("run", "--resume", run.toString(), "--set", "hmc.trajectories=5");
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(!r.err().contains("\tat ") && !r.err().contains("Exception"), "no stack trace: " + r.err());
        assertTrue(r.err().contains("trajectory 4: dH = NaN") && r.err().contains("last checkpoint is kept"), r.err());
        assertArrayEquals(checkpoint, Files.readAllBytes(run.resolve(RunDirectory.CHECKPOINT)));
    }

    @Test
    void aKeySetTwiceInTheConfigIsReportedWithBothLines() throws IOException {
        CliRunner r = CliRunner.run("run", config(CONFIG + "hmc.seed = 6\n").toString(), "--out", dir.resolve("run").toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("run.conf:5: hmc.seed is set again (first at line 3)"), r.err());
    }
}
