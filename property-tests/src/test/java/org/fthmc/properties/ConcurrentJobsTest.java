package org.fthmc.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fthmc.cli.Main;
import org.fthmc.run.RunDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two jobs on one directory: while a run is going in another process, a --resume or a --force on its directory is
 * refused at once (exit 2, naming the directory and the running process), and the running job goes on untouched.
 */
class ConcurrentJobsTest {
    private static final String CONFIG = """
            lattice.dims = [24, 24]
            action { type = u1-wilson, beta = 3.0 }
            integrator { type = omelyan, steps = 8, trajectory-length = 1 }
            hmc { trajectories = 2000, thermalization = 0, seed = 7, threads = 1 }
            output { checkpoint-every = 10, plot = false, progress = none }
            """;

    @TempDir
    Path dir;

    private record Result(int code, String err) {
    }

    private static Result fthmc(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Main(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        return new Result(code, err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aSecondJobOnARunningJobsDirectoryIsRefused() throws Exception {
        Path conf = Files.writeString(dir.resolve("run.conf"), CONFIG);
        Path run = dir.resolve("run");
        Process child = new ProcessBuilder(ResumeAfterKillTest.javaCommand("run", conf.toString(), "--out", run.toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        try {
            Path csv = run.resolve(RunDirectory.MEASUREMENTS);
            for (int polls = 0; ResumeAfterKillTest.rows(csv) < 1 && child.isAlive() && polls < 60_000; polls++) {
                Thread.sleep(2);
            }
            assertTrue(child.isAlive(), "the child finished too soon; see " + dir.resolve("child.log"));
            String holder = "in use by another fthmc job (process " + child.pid() + ")";
            Result resume = fthmc("run", "--resume", run.toString());
            assertEquals(2, resume.code(), resume.err());
            assertTrue(resume.err().contains(run.toString()) && resume.err().contains(holder), resume.err());
            Result force = fthmc("run", conf.toString(), "--out", run.toString(), "--force");
            assertEquals(2, force.code(), force.err());
            assertTrue(force.err().contains(holder), force.err());
            assertEquals(0, child.waitFor(), "the running job was disturbed; see " + dir.resolve("child.log"));
        } finally {
            child.destroyForcibly().waitFor();
        }
        assertEquals(2001, Files.readAllLines(run.resolve(RunDirectory.MEASUREMENTS)).size());
        Result resume = fthmc("run", "--resume", run.toString());
        assertEquals(0, resume.code(), "the lock is gone with its job: " + resume.err());
    }
}
