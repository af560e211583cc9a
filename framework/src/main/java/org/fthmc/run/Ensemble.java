package org.fthmc.run;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.fthmc.ConfigError;

/**
 * The measurements of one sampler read back from one or more finished run directories, for comparing samplers
 * ({@link SamplerComparison}, {@link AutocorrelationComparison}): the history of one measured column (the
 * topological charge by default) of every stream of every directory (pooled as independent replicas), and the
 * sampler's mean acceptance, force evaluations and seconds per trajectory.
 * Directories pooled into one ensemble must be runs of the same sampler: their resolved configs may differ only in
 * the keys of {@link #PER_RUN_KEYS} (seeds, lengths, start, output), and their force evaluations per trajectory must
 * agree (a tuned step count is part of the sampler).
 */
public record Ensemble(List<Path> dirs, Config config, String column, List<double[]> series, long trajectories,
                       double acceptance, double forcesPerTrajectory, double secondsPerTrajectory) {
    /** The column the tunnelling metric reads. */
    public static final String CHARGE = "topological_charge";

    /** Config keys that may differ between runs pooled into one ensemble. */
    public static final List<String> PER_RUN_KEYS = List.of("hmc.seed", "hmc.trajectories", "hmc.thermalization",
            "lattice.start", "lattice.file", "output");

    public Ensemble {
        dirs = List.copyOf(dirs);
        series = List.copyOf(series);
    }

    /** Reads and pools the runs in {@code dirs} with their topological charge ({@link #read(List, String)}). */
    public static Ensemble read(List<Path> dirs) throws IOException {
        return read(dirs, CHARGE);
    }

    /**
     * Reads and pools the runs in {@code dirs} with the history of measurements.csv column {@code column}; bad or
     * mismatched directories, or a missing column, are a {@link ConfigError}.
     */
    public static Ensemble read(List<Path> dirs, String column) throws IOException {
        if (dirs.isEmpty()) {
            throw new ConfigError("an ensemble needs at least one run directory");
        }
        if (dirs.stream().map(d -> d.toAbsolutePath().normalize()).distinct().count() < dirs.size()) {
            throw new ConfigError(dirs + ": a run directory is pooled twice (replicas must be independent)");
        }
        Config first = null;
        List<double[]> series = new ArrayList<>();
        long trajectories = 0;
        double accepted = 0;
        double seconds = 0;
        double forcesPerTrajectory = Double.NaN;
        for (Path dir : dirs) {
            Config config = config(dir);
            if (first == null) {
                first = config;
            } else {
                String differing = firstDifference(sampler(first), sampler(config));
                if (differing != null) {
                    throw new ConfigError(dir + ": pooled with " + dirs.get(0) + " but its sampler differs at '" + differing
                            + "' (only " + String.join(", ", PER_RUN_KEYS) + " may differ)");
                }
            }
            MeasurementTable table = MeasurementTable.read(measurements(dir), streams(dir, config));
            if (!table.has(column)) {
                throw new ConfigError(dir.resolve(RunDirectory.MEASUREMENTS) + ": no " + column + " column"
                        + (column.equals(CHARGE) ? " (the tunnelling metric needs the topological charge)" : ""));
            }
            if (table.rows() == 0) {
                throw new ConfigError(dir.resolve(RunDirectory.MEASUREMENTS) + ": no measured trajectories");
            }
            series.addAll(table.column(column));
            double runForces = sum(table.column("force_evaluations"));
            if (!Double.isNaN(forcesPerTrajectory) && Math.abs(runForces / table.rows() - forcesPerTrajectory) > 1e-9) {
                throw new ConfigError(dir + ": " + runForces / table.rows() + " force evaluations per trajectory, but "
                        + dirs.get(0) + " has " + forcesPerTrajectory + " (a different step count is a different sampler)");
            }
            forcesPerTrajectory = runForces / table.rows();
            trajectories += table.rows();
            accepted += sum(table.column("accepted"));
            seconds += sum(table.column("seconds"));
        }
        return new Ensemble(dirs, first, column, series, trajectories, accepted / trajectories, forcesPerTrajectory,
                seconds / trajectories);
    }

    /** The lattice volume (number of sites). */
    public int volume() {
        return config.getIntList("lattice.dims").stream().reduce(1, (a, b) -> a * b);
    }

    /** The MD time of one trajectory. */
    public double trajectoryLength() {
        return config.getDouble("integrator.trajectory-length");
    }

    /** The transform's type, or "none" for plain HMC. */
    public String transform() {
        return config.hasPath("transform.type") ? config.getString("transform.type") : "none";
    }

    /** The number of threads each run used (its timings depend on it). */
    public int threads() {
        return config.getInt("hmc.threads");
    }

    private static Config config(Path dir) {
        Path file = dir.resolve(RunDirectory.CONFIG);
        if (!Files.isRegularFile(file)) {
            throw new ConfigError(dir + ": not an fthmc run directory (no " + RunDirectory.CONFIG + ")");
        }
        try {
            return ConfigFactory.parseFile(file.toFile()).resolve();
        } catch (ConfigException e) {
            throw new ConfigError(file + ": unreadable run config: " + e.getMessage(), e);
        }
    }

    private static Path measurements(Path dir) {
        Path file = dir.resolve(RunDirectory.MEASUREMENTS);
        if (!Files.isRegularFile(file)) {
            throw new ConfigError(dir + ": no " + RunDirectory.MEASUREMENTS + " (the run has not measured anything)");
        }
        return file;
    }

    private static int streams(Path dir, Config config) {
        if (!config.hasPath("hmc.streams")) {
            throw new ConfigError(dir.resolve(RunDirectory.CONFIG) + ": no hmc.streams (not a resolved run config)");
        }
        return config.getInt("hmc.streams");
    }

    private static Config sampler(Config config) {
        Config c = config;
        for (String key : PER_RUN_KEYS) {
            c = c.withoutPath(key);
        }
        return c;
    }

    /** The first path (in sorted order) at which two configs differ, or null; the one rule for "same sampler/theory". */
    static String firstDifference(Config a, Config b) {
        TreeSet<String> keys = new TreeSet<>();
        a.entrySet().forEach(e -> keys.add(e.getKey()));
        b.entrySet().forEach(e -> keys.add(e.getKey()));
        for (String key : keys) {
            if (!a.hasPath(key) || !b.hasPath(key) || !a.getValue(key).unwrapped().equals(b.getValue(key).unwrapped())) {
                return key;
            }
        }
        return null;
    }

    private static double sum(List<double[]> column) {
        double s = 0;
        for (double[] a : column) {
            for (double x : a) {
                s += x;
            }
        }
        return s;
    }
}
