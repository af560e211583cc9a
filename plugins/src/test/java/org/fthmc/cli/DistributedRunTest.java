package org.fthmc.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fthmc.comm.mpi.MpiTesting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mpirun -np N fthmc run}: the files a run writes (checkpoint, measurements, saved configurations) do not
 * depend on the number of processes, resume included (with another number of processes); a bad
 * {@code lattice.ranks} is one message and exit 2.
 */
class DistributedRunTest {
    private static final String CONFIG = """
            lattice { dims = [32, 32], group = u1 }
            action { type = u1-wilson, beta = 3 }
            integrator { type = omelyan, steps = 8, trajectory-length = 1 }
            hmc { trajectories = 12, thermalization = 4, seed = 5, streams = 2, threads = 1, reversibility-check-every = 5 }
            output { checkpoint-every = 5, save-configs-every = 6, plot = false, progress = none }
            """;

    @TempDir
    Path tmp;

    @Test
    void aRunOnTwoOrFourProcessesWritesWhatOneProcessWrites() throws Exception {
        Path config = Files.writeString(tmp.resolve("u1.conf"), CONFIG);
        run(1, "run", config.toString(), "--out", tmp.resolve("one").toString());
        run(4, "run", config.toString(), "--out", tmp.resolve("four").toString());
        assertSameFiles(tmp.resolve("one"), tmp.resolve("four"));
        // Half the run on 2 processes, the rest resumed on 4.
        run(2, "run", config.toString(), "--out", tmp.resolve("resumed").toString(), "--set", "hmc.trajectories=6");
        run(4, "run", "--resume", tmp.resolve("resumed").toString(), "--set", "hmc.trajectories=12");
        assertSameFiles(tmp.resolve("one"), tmp.resolve("resumed"));
    }

    @Test
    void aProcessGridThatDoesNotMatchIsOneMessageAndExitCode2() throws Exception {
        Path config = Files.writeString(tmp.resolve("u1.conf"), CONFIG);
        MpiTesting.Run run = MpiTesting.run(2, Main.class, "run", config.toString(), "--out", tmp.resolve("bad").toString(),
                "--set", "lattice.ranks=[1,4]");
        assertTrue(run.exitCode() != 0, run.output());
        String message = "lattice.ranks: [1, 4] asks for 4 processes, but mpirun started 2";
        assertEquals(1, run.output().split(java.util.regex.Pattern.quote(message), -1).length - 1, run.output());
        assertTrue(!Files.exists(tmp.resolve("bad")), "nothing written");
    }

    private static void run(int processes, String... args) throws Exception {
        MpiTesting.Run run = MpiTesting.run(processes, Main.class, args);
        assertEquals(0, run.exitCode(), run.output());
    }

    /** The same checkpoint and saved configurations, bit for bit, and the same CSV rows but for the seconds column. */
    private static void assertSameFiles(Path a, Path b) throws Exception {
        assertArrayEquals(Files.readAllBytes(a.resolve("checkpoint.bin")), Files.readAllBytes(b.resolve("checkpoint.bin")));
        assertEquals(Files.readString(a.resolve("reversibility.csv")), Files.readString(b.resolve("reversibility.csv")));
        assertEquals(withoutSeconds(a.resolve("measurements.csv")), withoutSeconds(b.resolve("measurements.csv")));
        List<Path> configs;
        try (var files = Files.list(a.resolve("configs"))) {
            configs = files.sorted().toList();
        }
        assertEquals(4, configs.size());
        for (Path c : configs) {
            assertArrayEquals(Files.readAllBytes(c), Files.readAllBytes(b.resolve("configs").resolve(c.getFileName())), c.toString());
        }
    }

    private static List<String> withoutSeconds(Path csv) throws Exception {
        return Files.readAllLines(csv).stream().map(l -> l.substring(0, l.lastIndexOf(','))).toList();
    }
}
