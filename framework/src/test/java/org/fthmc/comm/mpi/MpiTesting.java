package org.fthmc.comm.mpi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs a main class of the tests under {@code mpirun} in fresh JVMs (the test's own JDK and class path). Where
 * {@code mpirun} or libmpi is missing the test is skipped with the reason printed, unless the environment variable
 * {@value #REQUIRE} is set (CI sets it after installing Open MPI), which makes it a failure.
 */
public final class MpiTesting {
    static final String REQUIRE = "FTHMC_REQUIRE_MPI";
    private static final long TIMEOUT_SECONDS = 180;

    private MpiTesting() {
    }

    /** What a run printed (stdout and stderr, merged) and its exit code. */
    public record Run(int exitCode, String output) {
    }

    /** Runs {@code main} on {@code processes} ranks; a run that outlives the time limit fails the test. */
    public static Run run(int processes, Class<?> main, String... args) throws IOException, InterruptedException {
        String mpirun = mpirun();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(mpirun, "--allow-run-as-root", "--oversubscribe",
                "--mca", "btl_vader_single_copy_mechanism", "none", "-np", Integer.toString(processes),
                java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[][] output = new byte[1][];
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                output[0] = process.getInputStream().readAllBytes();
            } catch (IOException e) {
                output[0] = ("reading the output failed: " + e).getBytes(StandardCharsets.UTF_8);
            }
        });
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            reader.join(5000);
            Assertions.fail("mpirun -np " + processes + " " + main.getSimpleName() + " did not end in " + TIMEOUT_SECONDS + " s:\n"
                    + (output[0] == null ? "" : new String(output[0], StandardCharsets.UTF_8)));
        }
        reader.join();
        return new Run(process.exitValue(), new String(output[0], StandardCharsets.UTF_8));
    }

    /** The mpirun on the PATH, or the test is skipped (or fails, when MPI is required). */
    private static String mpirun() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "mpirun");
            if (Files.isExecutable(candidate)) {
                try {
                    OpenMpi.load();
                    return candidate.toString();
                } catch (OpenMpi.Unavailable e) {
                    return unavailable(e.getMessage());
                }
            }
        }
        return unavailable("mpirun is not on the PATH (apt-get install openmpi-bin libopenmpi-dev)");
    }

    private static String unavailable(String why) {
        if (System.getenv(REQUIRE) != null) {
            Assertions.fail(REQUIRE + " is set, but " + why);
        }
        String reason = "MPI tests skipped: " + why;
        System.err.println(reason);
        Assumptions.abort(reason);
        return null;
    }
}
