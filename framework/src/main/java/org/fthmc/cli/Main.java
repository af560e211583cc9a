package org.fthmc.cli;

import com.beust.jcommander.JCommander;
import com.beust.jcommander.Parameter;
import com.beust.jcommander.ParameterException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.fthmc.ConfigError;
import org.fthmc.comm.mpi.MpiCommunicator;
import org.fthmc.run.JobDiverged;
import org.fthmc.spi.PluginJars;

/**
 * The {@code fthmc} command line: {@code run}, {@code train}, {@code plugins}, {@code measure}, {@code bench},
 * {@code bench-dsl}, {@code bench-flow}, {@code bench-train}, {@code convert}, {@code compare}.
 * Exit codes: 0 success, 2 bad input (config, command line, input files, output place: a one-line message, no stack
 * trace), 1 the job failed (I/O error, a run that diverged to NaN, internal error).
 */
public final class Main {
    public static final int OK = 0;
    public static final int INTERNAL_ERROR = 1;
    public static final int BAD_INPUT = 2;

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> environment;

    /** Options that come before the command. */
    static final class GlobalOptions {
        @Parameter(names = {"--help", "-h"}, help = true, description = "Show this help")
        boolean help;

        @Parameter(names = "--version", description = "Print the version")
        boolean version;
    }

    public Main(PrintStream out, PrintStream err) {
        this(out, err, System.getenv());
    }

    /** A command line that reads {@value PluginJars#VARIABLE} from the given environment. */
    public Main(PrintStream out, PrintStream err, Map<String, String> environment) {
        this.out = out;
        this.err = err;
        this.environment = environment;
    }

    /**
     * Under {@code mpirun} only rank 0 prints: the other ranks' output is dropped, and of their errors only those a
     * single rank can meet (I/O, internal) are printed, with the rank, before the job is aborted. Bad input, which
     * every rank meets alike, is reported by rank 0: the others wait a few seconds before they exit, since mpirun
     * ends the whole job as soon as one process exits with an error (if rank 0 did not meet it, the job still ends).
     */
    public static void main(String[] args) {
        int rank = MpiCommunicator.launchedRank();
        PrintStream none = new PrintStream(java.io.OutputStream.nullOutputStream());
        int code = new Main(rank == 0 ? System.out : none, rank == 0 ? System.err : none).run(args);
        if (rank != 0 && code == BAD_INPUT) {
            try {
                Thread.sleep(RANK_0_REPORTS_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        System.exit(code);
    }

    /** How long ranks other than 0 wait before exiting on bad input, so that rank 0's message gets out. */
    private static final long RANK_0_REPORTS_MILLIS = 5_000;

    /** Runs the command line and returns the exit code. */
    public int run(String... args) {
        GlobalOptions global = new GlobalOptions();
        RunCommand run = new RunCommand();
        PluginsCommand plugins = new PluginsCommand();
        MeasureCommand measure = new MeasureCommand();
        BenchCommand bench = new BenchCommand();
        BenchDslCommand benchDsl = new BenchDslCommand();
        BenchFlowCommand benchFlow = new BenchFlowCommand();
        BenchTrainCommand benchTrain = new BenchTrainCommand();
        TrainCommand train = new TrainCommand();
        ConvertCommand convert = new ConvertCommand();
        CompareCommand compare = new CompareCommand();
        JCommander jc = JCommander.newBuilder().programName("fthmc").addObject(global)
                .addCommand("run", run).addCommand("train", train).addCommand("plugins", plugins).addCommand("measure", measure)
                .addCommand("bench", bench).addCommand("bench-dsl", benchDsl).addCommand("bench-flow", benchFlow)
                .addCommand("bench-train", benchTrain).addCommand("convert", convert).addCommand("compare", compare).build();
        try {
            jc.parse(args);
        } catch (ParameterException e) {
            err.println("fthmc: " + e.getMessage() + " (see fthmc --help)");
            return BAD_INPUT;
        }
        if (global.version) {
            out.println("fthmc " + version());
            return OK;
        }
        String command = jc.getParsedCommand();
        if (global.help) {
            StringBuilder usage = new StringBuilder();
            jc.getUsageFormatter().usage(usage);
            out.print(usage);
            return OK;
        }
        if (command == null) {
            err.println("fthmc: no command given; try 'fthmc run configs/quickstart.conf', or 'fthmc --help' for every command");
            return BAD_INPUT;
        }
        if (MpiCommunicator.launchedSize() > 1 && !List.of("run", "train", "bench").contains(command)) {
            err.println("fthmc: " + command + " runs in one process; of the commands only run, train and bench run under mpirun (so far)");
            return BAD_INPUT;
        }
        try {
            List<Path> pluginJars = PluginJars.fromVariable(environment.get(PluginJars.VARIABLE));
            return PluginJars.withJars(pluginJars, () -> switch (command) {
                case "run" -> run.execute(pluginJars, out, err);
                case "train" -> train.execute(pluginJars, out, err);
                case "plugins" -> plugins.execute(out);
                case "measure" -> measure.execute(out);
                case "bench" -> bench.execute(out, err);
                case "bench-dsl" -> benchDsl.execute(out);
                case "bench-flow" -> benchFlow.execute(out);
                case "bench-train" -> benchTrain.execute(out);
                case "convert" -> convert.execute(out);
                case "compare" -> compare.execute(out);
                default -> throw new IllegalStateException(command);
            });
        } catch (ConfigError e) {
            err.println("fthmc: " + e.getMessage());
            return BAD_INPUT;
        } catch (JobDiverged e) {
            err.println("fthmc: " + e.getMessage());
            return INTERNAL_ERROR;
        } catch (IOException | UncheckedIOException e) {
            everyRank().println("fthmc" + rankTag() + ": I/O error: " + e.getMessage());
            MpiCommunicator.abortIfOpen(INTERNAL_ERROR);
            return INTERNAL_ERROR;
        } catch (RuntimeException e) {
            everyRank().println("fthmc" + rankTag() + ": internal error: " + e);
            e.printStackTrace(everyRank());
            MpiCommunicator.abortIfOpen(INTERNAL_ERROR);
            return INTERNAL_ERROR;
        }
    }

    /** Where errors that one rank may meet alone go: this command line's error stream, or stderr on ranks > 0. */
    private PrintStream everyRank() {
        return MpiCommunicator.launchedRank() == 0 ? err : System.err;
    }

    private static String rankTag() {
        return MpiCommunicator.launchedSize() > 1 ? " (rank " + MpiCommunicator.launchedRank() + ")" : "";
    }

    static String version() {
        try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
