package org.fthmc.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fthmc.run.Checkpoint;
import org.fthmc.run.RunDirectory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A run killed with SIGKILL in the middle of its work and then resumed ends bit-identical to an uninterrupted run:
 * same measurements (nothing lost, nothing duplicated) and the same final fields. The kill point is chosen by
 * progress (rows in measurements.csv), not by time, so it lands mid-run whatever the machine's speed.
 */
class ResumeAfterKillTest {
    private static final String CONFIG = """
            lattice.dims = [24, 24]
            action { type = u1-wilson, beta = 3.0 }
            integrator { type = omelyan, steps = 8, trajectory-length = 1 }
            hmc { trajectories = 600, thermalization = 20, seed = 99, streams = 2, reversibility-check-every = 50 }
            output { checkpoint-every = 23, save-configs-every = 100, plot = false, progress = none }
            """;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "killed after {0} rows")
    @ValueSource(ints = {1, 333, 901})
    void resumedRunEqualsUninterruptedRun(int killAfterRows) throws Exception {
        Path conf = Files.writeString(dir.resolve("run.conf"), CONFIG);
        Path whole = dir.resolve("whole");
        assertEquals(0, DeterminismProperties.fthmc("run", conf.toString(), "--out", whole.toString()));

        Path killed = dir.resolve("killed");
        Process p = new ProcessBuilder(javaCommand("run", conf.toString(), "--out", killed.toString())).redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile()).start();
        Path csv = killed.resolve(RunDirectory.MEASUREMENTS);
        // Poll (at most about two minutes) until the child has written the wanted number of rows.
        for (int polls = 0; rows(csv) < killAfterRows && p.isAlive() && polls < 60_000; polls++) {
            Thread.sleep(2);
        }
        assertTrue(p.isAlive(), "the child finished before it could be killed; see " + dir.resolve("child.log"));
        p.destroyForcibly().waitFor();

        assertEquals(0, DeterminismProperties.fthmc("run", "--resume", killed.toString()));
        assertEquals(DeterminismProperties.withoutSeconds(whole), DeterminismProperties.withoutSeconds(killed));
        assertEquals(Files.readAllLines(whole.resolve(RunDirectory.REVERSIBILITY)).size(),
                Files.readAllLines(killed.resolve(RunDirectory.REVERSIBILITY)).size());
        Checkpoint a = Checkpoint.read(whole.resolve(RunDirectory.CHECKPOINT));
        Checkpoint b = Checkpoint.read(killed.resolve(RunDirectory.CHECKPOINT));
        for (int s = 0; s < 2; s++) {
            assertTrue(a.fields().get(s).sameBits(b.fields().get(s)));
        }
        assertEquals(Files.readString(whole.resolve(RunDirectory.SUMMARY)).replaceAll("\"seconds_per_trajectory\" : [^,]*,", ""),
                Files.readString(killed.resolve(RunDirectory.SUMMARY)).replaceAll("\"seconds_per_trajectory\" : [^,]*,", ""));
    }

    static long rows(Path csv) throws IOException {
        if (!Files.exists(csv)) {
            return 0;
        }
        return Math.max(0, Files.readAllLines(csv).size() - 1);
    }

    /** The command line that runs {@code fthmc ARGS} in a child JVM with this test's class path. */
    static List<String> javaCommand(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("--sun-misc-unsafe-memory-access=allow");
        cmd.add("-Djava.awt.headless=true");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("org.fthmc.cli.Main");
        cmd.addAll(List.of(args));
        return cmd;
    }
}
