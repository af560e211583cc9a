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
 * {@code mpirun -np N fthmc run} and {@code train}: the files a job writes (checkpoint, measurements, saved
 * configurations; trained weights and optimiser state) do not depend on the number of processes, resume included
 * (with another number of processes); a bad {@code lattice.ranks} is one message and exit 2; {@code bench} reports
 * every rank; the other commands refuse to run under mpirun.
 */
class DistributedRunTest {
    private static final String CONFIG = """
            lattice { dims = [32, 32], group = u1 }
            action { type = u1-wilson, beta = 3 }
            integrator { type = omelyan, steps = 8, trajectory-length = 1 }
            hmc { trajectories = 12, thermalization = 4, seed = 5, streams = 2, threads = 1, reversibility-check-every = 5 }
            output { checkpoint-every = 5, save-configs-every = 6, plot = false, progress = none }
            """;

    /** SU(3) DBW2 FT-HMC with the default sun-masked-stout map: the lattice's dims and the thermalization to fill in. */
    private static final String SU3_FT = """
            lattice { dims = %s, group = su3 }
            action { type = sun-improved, beta = 0.7796, preset = dbw2 }
            transform { type = sun-masked-stout }
            integrator { type = omelyan, steps = 2, trajectory-length = 0.2 }
            hmc { trajectories = 1, thermalization = %d, seed = 5, streams = 1, threads = 1 }
            output { checkpoint-every = 5, plot = false, progress = none }
            """;

    @TempDir
    Path tmp;

    @Test
    void aRunOnTwoOrFourProcessesWritesWhatOneProcessWrites() throws Exception {
        Path config = Files.writeString(tmp.resolve("u1.conf"), CONFIG);
        run(1, "run", config.toString(), "--out", tmp.resolve("one").toString());
        run(4, "run", config.toString(), "--out", tmp.resolve("four").toString());
        assertSameFiles(tmp.resolve("one"), tmp.resolve("four"));
        // Half the run on 2 processes, the rest resumed on 4 (the grid given anew: it may change on resume).
        run(2, "run", config.toString(), "--out", tmp.resolve("resumed").toString(), "--set", "hmc.trajectories=6",
                "--set", "lattice.ranks=[1,2]");
        run(4, "run", "--resume", tmp.resolve("resumed").toString(), "--set", "hmc.trajectories=12", "--set", "lattice.ranks=[1,4]");
        assertSameFiles(tmp.resolve("one"), tmp.resolve("resumed"));
    }

    @Test
    void fieldTransformationHmcOnTwoOrFourProcessesWritesWhatOneProcessWrites() throws Exception {
        Path u1 = Files.writeString(tmp.resolve("u1-ft.conf"), """
                lattice { dims = [32, 32], group = u1, halo = 8 }
                action { type = u1-wilson, beta = 3 }
                transform { type = u1-masked-stout }
                integrator { type = omelyan, steps = 4, trajectory-length = 1 }
                hmc { trajectories = 2, thermalization = 1, seed = 5, streams = 1, threads = 1 }
                output { checkpoint-every = 5, plot = false, progress = none }
                """);
        run(1, "run", u1.toString(), "--out", tmp.resolve("u1-one").toString());
        run(2, "run", u1.toString(), "--out", tmp.resolve("u1-two").toString());
        assertSameRun(tmp.resolve("u1-one"), tmp.resolve("u1-two"));
        Path su3 = Files.writeString(tmp.resolve("su3-ft.conf"), SU3_FT.formatted("[4, 4, 4, 16]", 1));
        run(1, "run", su3.toString(), "--out", tmp.resolve("su3-one").toString());
        run(4, "run", su3.toString(), "--out", tmp.resolve("su3-four").toString());
        assertSameRun(tmp.resolve("su3-one"), tmp.resolve("su3-four"));
    }

    @Test
    void fieldTransformationHmcOnBlocksOfATwoByTwoGridWritesWhatOneProcessWrites() throws Exception {
        Path su3 = Files.writeString(tmp.resolve("su3-ft.conf"), SU3_FT.formatted("[8, 8, 8, 4]", 0));
        run(1, "run", su3.toString(), "--out", tmp.resolve("one").toString());
        run(4, "run", su3.toString(), "--out", tmp.resolve("blocks").toString(), "--set", "lattice.ranks=[1,1,2,2]");
        assertSameRun(tmp.resolve("one"), tmp.resolve("blocks"));
    }

    @Test
    void trainingOnTwoProcessesWritesTheWeightsOfOneProcess() throws Exception {
        Path hmc = Files.writeString(tmp.resolve("u1.conf"), """
                lattice { dims = [32, 16], group = u1 }
                action { type = u1-wilson, beta = 3 }
                integrator { type = omelyan, steps = 8, trajectory-length = 1 }
                hmc { trajectories = 9, thermalization = 2, seed = 5, streams = 1, threads = 1 }
                output { save-configs-every = 3, plot = false, progress = none }
                """);
        run(1, "run", hmc.toString(), "--out", tmp.resolve("data").toString());
        Path train = Files.writeString(tmp.resolve("train.conf"), """
                lattice { dims = [32, 16], group = u1, halo = 8 }
                action { type = u1-wilson, beta = 3 }
                transform { type = u1-masked-stout }
                train {
                  data = ["%s"], beta-target = 2.5
                  steps = 2, batch = 2, validation = 0.34, validate-every = 1, checkpoint-every = 1, seed = 3
                }
                """.formatted(tmp.resolve("data").resolve("configs").toString().replace('\\', '/')));
        run(1, "train", train.toString(), "--out", tmp.resolve("one").toString());
        // The first step on 2 processes (each configuration split into slabs), the second resumed on 2.
        run(2, "train", train.toString(), "--out", tmp.resolve("two").toString(), "--set", "train.steps=1");
        run(2, "train", "--resume", tmp.resolve("two").toString(), "--set", "train.steps=2");
        // Whole configurations on each of 2 processes, the batch split between them.
        run(2, "train", train.toString(), "--out", tmp.resolve("batch").toString(), "--set", "lattice.ranks=[1,1]");
        for (String job : List.of("two", "batch")) {
            for (String file : List.of("weights.fthmcw", "train-state.bin")) {
                assertArrayEquals(Files.readAllBytes(tmp.resolve("one").resolve(file)), Files.readAllBytes(tmp.resolve(job).resolve(file)),
                        job + "/" + file);
            }
            assertEquals(withoutSeconds(tmp.resolve("one").resolve("train.csv")), withoutSeconds(tmp.resolve(job).resolve("train.csv")), job);
        }
    }

    @Test
    void aHaloShallowerThanTheTransformReachesIsAConfigError() throws Exception {
        Path config = Files.writeString(tmp.resolve("u1-ft.conf"), CONFIG + "transform { type = u1-masked-stout }\n");
        MpiTesting.Run run = MpiTesting.run(2, Main.class, "run", config.toString(), "--out", tmp.resolve("shallow").toString());
        assertEquals(2, run.exitCode(), run.output()); // mpirun returns the first failing process's code
        assertTrue(run.output().contains("lattice.halo: on the slab") && run.output().contains("needs a halo of at least"),
                run.output());
        assertTrue(!Files.exists(tmp.resolve("shallow")), "nothing written");
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

    @Test
    void aRunWithTheWholeLatticeOnEveryProcessIsRefused() throws Exception {
        Path config = Files.writeString(tmp.resolve("u1.conf"), CONFIG);
        MpiTesting.Run run = MpiTesting.run(2, Main.class, "run", config.toString(), "--out", tmp.resolve("whole").toString(),
                "--set", "lattice.ranks=[1,1]");
        assertEquals(2, run.exitCode(), run.output());
        assertTrue(run.output().contains("lattice.ranks: all 1 keeps the whole lattice on each of the 2 processes, which only training uses"),
                run.output());
        assertTrue(!Files.exists(tmp.resolve("whole")), "nothing written");
    }

    @Test
    void benchUnderMpirunPrintsEachRanksComputeAndMpiSeconds() throws Exception {
        MpiTesting.Run run = MpiTesting.run(2, Main.class, "bench", "--config", """
                lattice.dims = [16, 16]
                action { type = u1-wilson, beta = 3 }
                integrator { type = omelyan, steps = 4, trajectory-length = 1 }
                """, "--threads", "1", "--trajectories", "3", "--warmup", "1", "--repeats", "1", "--force-evaluations", "2");
        assertEquals(0, run.exitCode(), run.output());
        String output = run.output();
        assertTrue(output.contains("bench: 2 processes, slabs of 8 time slices with halos of 2"), output);
        assertTrue(output.contains("run  rank  total  compute  halo exchange  other MPI calls"), output);
        for (int rank = 0; rank < 2; rank++) {
            assertTrue(java.util.regex.Pattern.compile("(?m)^\\s*cpu/1\\s+" + rank + "\\s+\\d").matcher(output).find(), output);
        }
    }

    @Test
    void aCommandThatRunsInOneProcessIsRefusedUnderMpirun() throws Exception {
        MpiTesting.Run run = MpiTesting.run(2, Main.class, "bench-dsl", "--dims", "8,8");
        assertEquals(2, run.exitCode(), run.output());
        assertTrue(run.output().contains("fthmc: bench-dsl runs in one process; of the commands only run, train and bench run under mpirun"),
                run.output());
    }

    private static void run(int processes, String... args) throws Exception {
        MpiTesting.Run run = MpiTesting.run(processes, Main.class, args);
        assertEquals(0, run.exitCode(), run.output());
    }

    /** The same checkpoint, bit for bit, and the same measurement rows but for the seconds column. */
    private static void assertSameRun(Path a, Path b) throws Exception {
        assertArrayEquals(Files.readAllBytes(a.resolve("checkpoint.bin")), Files.readAllBytes(b.resolve("checkpoint.bin")));
        assertEquals(withoutSeconds(a.resolve("measurements.csv")), withoutSeconds(b.resolve("measurements.csv")));
    }

    /** {@link #assertSameRun}, and the same reversibility checks and saved configurations. */
    private static void assertSameFiles(Path a, Path b) throws Exception {
        assertSameRun(a, b);
        assertEquals(Files.readString(a.resolve("reversibility.csv")), Files.readString(b.resolve("reversibility.csv")));
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
