package org.fthmc.cli;

import com.beust.jcommander.Parameter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fthmc.ConfigError;
import org.fthmc.config.RunConfig;
import org.fthmc.run.RunDirectory;
import org.fthmc.spi.PluginJars;
import org.fthmc.spi.PluginRegistry;

/**
 * What {@code run} and {@code train} share: a job described by a config, started in a new directory
 * ({@code CONFIG [--out DIR] [--set key=value]... [--force]}) or resumed from one ({@code --resume DIR}, where only
 * the job's length and its process grid, lattice.ranks, may be --set).
 */
abstract class JobCommand {
    @Parameter(description = "CONFIG")
    List<String> config = new ArrayList<>();

    @Parameter(names = "--out", description = "Job directory (overrides output.dir)")
    String out;

    @Parameter(names = "--set", splitter = WholeValue.class, description = "Override a config value: --set key=value (repeatable)")
    List<String> sets = new ArrayList<>();

    @Parameter(names = "--resume", description = "Continue the job in this directory (only its length and lattice.ranks may be --set)")
    String resume;

    @Parameter(names = "--force", description = "Replace an existing directory of an earlier fthmc job")
    boolean force;

    /** The command's name, for messages. */
    abstract String name();

    /** The kind of job directory the command creates and resumes. */
    abstract RunDirectory.Kind kind();

    /** The one key that --set may change when resuming (the job's length). */
    abstract String lengthKey();

    /** Starts the job the config describes in its output directory, recording the plugin jars it loaded. */
    abstract int start(RunConfig config, PluginRegistry registry, List<Path> pluginJars, PrintStream stdout, PrintStream log) throws IOException;

    /** Resumes the job in dir with its stored config. */
    abstract int resume(RunConfig config, RunDirectory dir, PluginRegistry registry, PrintStream stdout, PrintStream log) throws IOException;

    /**
     * Runs the command. {@code pluginJars} are those of {@value PluginJars#VARIABLE}, already on the context class
     * loader; a new job adds the jars of the {@value PluginJars#FOLDER} folder beside its config, a resumed one the
     * jars its directory recorded.
     */
    final int execute(List<Path> pluginJars, PrintStream stdout, PrintStream log) throws IOException {
        if (config.size() > 1) {
            throw new ConfigError(name() + ": expected one CONFIG file, got " + config.size() + ": " + String.join(" ", config));
        }
        if (resume != null) {
            if (!config.isEmpty() || out != null || force) {
                throw new ConfigError(name() + " --resume DIR: takes no CONFIG, --out or --force (the directory holds its config)");
            }
            for (String s : sets) {
                // The process grid does not change the results (within rounding for grids whose sums differ).
                if (!s.startsWith(lengthKey() + "=") && !s.startsWith("lattice.ranks=")) {
                    throw new ConfigError("--set " + s + ": only " + lengthKey() + " and lattice.ranks may change when resuming");
                }
            }
            try (RunDirectory dir = RunDirectory.existing(resumedHere(Path.of(resume)), kind())) {
                return PluginJars.withJars(notIn(pluginJars, dir.pluginJars()),
                        () -> resume(RunConfig.load(dir.file(RunDirectory.CONFIG), sets), dir, PluginRegistry.discover(), stdout, log));
            }
        }
        if (config.isEmpty()) {
            throw new ConfigError(name() + ": missing CONFIG file (or --resume DIR)");
        }
        List<String> all = new ArrayList<>(sets);
        if (out != null) {
            all.add("output.dir=" + com.typesafe.config.ConfigUtil.quoteString(out));
        }
        Path file = Path.of(config.getFirst());
        RunConfig loaded = RunConfig.load(file, all);
        loaded.warnings().forEach(w -> log.println("fthmc: warning: " + w));
        List<Path> beside = notIn(pluginJars, PluginJars.besideConfig(file));
        List<Path> jars = new ArrayList<>(pluginJars);
        jars.addAll(beside);
        return PluginJars.withJars(beside, () -> start(loaded, PluginRegistry.discover(), jars, stdout, log));
    }

    /**
     * The directory this process resumes: the job's own on rank 0; under mpirun, on the other ranks, a private copy
     * of it (they run the same code and write the same files, which must not touch the job's), removed at exit.
     */
    private static Path resumedHere(Path dir) throws IOException {
        if (org.fthmc.comm.mpi.MpiCommunicator.launchedRank() == 0 || !java.nio.file.Files.isDirectory(dir)) {
            return dir;
        }
        Path copy = java.nio.file.Files.createTempDirectory("fthmc-rank" + org.fthmc.comm.mpi.MpiCommunicator.launchedRank() + "-");
        RunDirectory.copyForRank(dir, copy.resolve("run"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                org.fthmc.run.Processes.deleteTree(copy);
            } catch (IOException e) {
                // a scratch copy left in the temporary directory
            }
        }));
        return copy.resolve("run");
    }

    /** The jars of {@code more} that are not among {@code loaded} already. */
    private static List<Path> notIn(List<Path> loaded, List<Path> more) {
        return more.stream().filter(j -> !loaded.contains(j)).toList();
    }
}
