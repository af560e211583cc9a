package org.fthmc.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fthmc.config.ConfigError;
import org.fthmc.config.RunConfig;
import org.fthmc.config.RunPlan;
import org.fthmc.run.HmcRun;
import org.fthmc.run.RunDirectory;
import org.fthmc.spi.PluginRegistry;

/** {@code fthmc run CONFIG [--out DIR] [--set key=value]... [--force]} or {@code fthmc run --resume DIR}. */
@Parameters(commandDescription = "Run HMC as a HOCON config describes it")
final class RunCommand {
    @Parameter(description = "CONFIG")
    List<String> config = new ArrayList<>();

    @Parameter(names = "--out", description = "Run directory (overrides output.dir)")
    String out;

    @Parameter(names = "--set", splitter = WholeValue.class, description = "Override a config value: --set key=value (repeatable)")
    List<String> sets = new ArrayList<>();

    @Parameter(names = "--resume", description = "Continue the run in this directory (only hmc.trajectories may be --set)")
    String resume;

    @Parameter(names = "--force", description = "Replace an existing run directory")
    boolean force;

    int execute(PrintStream stdout, PrintStream log) throws IOException {
        if (config.size() > 1) {
            throw new ConfigError("run: expected one CONFIG file, got " + config.size() + ": " + String.join(" ", config));
        }
        PluginRegistry registry = PluginRegistry.discover();
        Map<String, Object> summary;
        Path dir;
        if (resume != null) {
            if (!config.isEmpty() || out != null || force) {
                throw new ConfigError("run --resume DIR: takes no CONFIG, --out or --force (the run directory holds its config)");
            }
            for (String s : sets) {
                if (!s.startsWith("hmc.trajectories=")) {
                    throw new ConfigError("--set " + s + ": only hmc.trajectories may change when resuming");
                }
            }
            RunDirectory runDir = RunDirectory.existing(Path.of(resume));
            dir = runDir.dir();
            RunConfig rc = RunConfig.load(runDir.file(RunDirectory.CONFIG), sets);
            try (RunPlan plan = RunPlan.build(rc, registry)) {
                summary = HmcRun.resume(plan, runDir, log);
            }
        } else {
            if (config.isEmpty()) {
                throw new ConfigError("run: missing CONFIG file (or --resume DIR)");
            }
            List<String> all = new ArrayList<>(sets);
            if (out != null) {
                all.add("output.dir=" + com.typesafe.config.ConfigUtil.quoteString(out));
            }
            RunConfig rc = RunConfig.load(Path.of(config.getFirst()), all);
            try (RunPlan plan = RunPlan.build(rc, registry)) {
                dir = Path.of(plan.output().dir());
                summary = HmcRun.start(plan, dir, force, log);
            }
        }
        new SummaryReport(stdout).print(summary, dir);
        return Main.OK;
    }
}
