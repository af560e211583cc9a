package org.fthmc.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.fthmc.config.ConfigError;

/**
 * The files of a run directory, and the rule that protects earlier work: a new run needs an absent or empty
 * directory; {@code --force} replaces only a directory that holds a previous fthmc run.
 */
public final class RunDirectory {
    public static final String CONFIG = "config.conf";
    public static final String MEASUREMENTS = "measurements.csv";
    public static final String REVERSIBILITY = "reversibility.csv";
    public static final String SUMMARY = "summary.json";
    public static final String CHECKPOINT = "checkpoint.bin";
    public static final String PLOT = "history.png";
    public static final String CONFIGS = "configs";
    /** The transform's weights as the run used them (runs with a trainable transform). */
    public static final String WEIGHTS = "weights.fthmcw";

    private final Path dir;

    private RunDirectory(Path dir) {
        this.dir = dir;
    }

    /** Prepares a directory for a new run. */
    public static RunDirectory createNew(Path dir, boolean force) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new ConfigError(dir + ": output path exists and is not a directory");
        }
        if (Files.isDirectory(dir) && !isEmpty(dir)) {
            if (!force) {
                throw new ConfigError(dir + ": output directory exists and is not empty; use --resume " + dir
                        + " to continue it, --force to replace it, or choose another --out");
            }
            if (!Files.isRegularFile(dir.resolve(CONFIG))) {
                throw new ConfigError(dir + ": --force only replaces an fthmc run directory (with " + CONFIG
                        + "), and this one is not: refusing to delete it");
            }
            deleteContents(dir);
        }
        Files.createDirectories(dir);
        return new RunDirectory(dir);
    }

    /** Opens an existing run directory to resume it. */
    public static RunDirectory existing(Path dir) {
        if (!Files.isDirectory(dir) || !Files.isRegularFile(dir.resolve(CONFIG))) {
            throw new ConfigError(dir + ": not an fthmc run directory (no " + CONFIG + "); cannot resume");
        }
        return new RunDirectory(dir);
    }

    public Path dir() {
        return dir;
    }

    public Path file(String name) {
        return dir.resolve(name);
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    private static void deleteContents(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(dir)) {
                    Files.delete(p);
                }
            }
        }
    }
}
