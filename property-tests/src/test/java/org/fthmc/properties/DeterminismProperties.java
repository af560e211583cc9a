package org.fthmc.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.fthmc.cli.Main;
import org.fthmc.run.Checkpoint;
import org.fthmc.run.RunDirectory;

/** Runs are bit-identical for any thread count: the RNG is keyed by site, reductions sum fixed blocks in order. */
class DeterminismProperties {
    static int fthmc(String... args) {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream());
        return new Main(sink, sink).run(args);
    }

    static List<String> withoutSeconds(Path run) throws IOException {
        return Files.readAllLines(run.resolve(RunDirectory.MEASUREMENTS)).stream()
                .map(l -> l.substring(0, l.lastIndexOf(','))).toList();
    }

    @Property(tries = 4)
    void oneTwoAndThreeThreadsGiveBitIdenticalRuns(@ForAll @IntRange(min = 0, max = 1_000_000) int seed,
                                                   @ForAll @IntRange(min = 20, max = 40) int l) throws IOException {
        Path dir = Files.createTempDirectory("fthmc-threads");
        String config = "lattice.dims = [" + l + ", " + (l + 3) + "]\naction { type = u1-wilson, beta = 2.5 }\n"
                + "integrator { type = omelyan, steps = 6, trajectory-length = 1 }\n"
                + "hmc { trajectories = 12, thermalization = 3, seed = " + seed + ", streams = 2 }\n"
                + "output { plot = false, progress = none }\n";
        Path conf = Files.writeString(dir.resolve("run.conf"), config);
        for (int threads = 1; threads <= 3; threads++) {
            assertEquals(0, fthmc("run", conf.toString(), "--out", dir.resolve("t" + threads).toString(),
                    "--set", "hmc.threads=" + threads));
        }
        List<String> reference = withoutSeconds(dir.resolve("t1"));
        assertTrue(reference.size() == 25 && reference.get(1).contains("."), "rows: " + reference.size());
        Checkpoint one = Checkpoint.read(dir.resolve("t1").resolve(RunDirectory.CHECKPOINT));
        for (int threads = 2; threads <= 3; threads++) {
            Path run = dir.resolve("t" + threads);
            assertEquals(reference, withoutSeconds(run), threads + " threads");
            Checkpoint other = Checkpoint.read(run.resolve(RunDirectory.CHECKPOINT));
            for (int s = 0; s < 2; s++) {
                assertTrue(one.fields().get(s).sameBits(other.fields().get(s)), "field of stream " + s + ", " + threads + " threads");
            }
        }
    }
}
