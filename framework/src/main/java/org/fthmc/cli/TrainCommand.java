package org.fthmc.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fthmc.config.ConfigError;
import org.fthmc.config.RunConfig;
import org.fthmc.config.RunPlan;
import org.fthmc.run.RunDirectory;
import org.fthmc.spi.PluginRegistry;
import org.fthmc.train.TrainJob;
import org.fthmc.train.TrainPlan;

/** {@code fthmc train}: trains a transform's weights with the force-matching loss, as a config's train section says. */
@Parameters(commandDescription = "Train a field transformation (force-matching loss, Adam) as a HOCON config describes it")
final class TrainCommand {
    @Parameter(description = "CONFIG")
    List<String> config = new ArrayList<>();

    @Parameter(names = "--out", description = "Training directory (overrides output.dir)")
    String out;

    @Parameter(names = "--set", splitter = WholeValue.class, description = "Override a config value: --set key=value (repeatable)")
    List<String> sets = new ArrayList<>();

    @Parameter(names = "--resume", description = "Continue the training in this directory (only train.steps may be --set)")
    String resume;

    @Parameter(names = "--force", description = "Replace an existing directory of an earlier fthmc job")
    boolean force;

    int execute(PrintStream stdout, PrintStream log) throws IOException {
        if (config.size() > 1) {
            throw new ConfigError("train: expected one CONFIG file, got " + config.size());
        }
        PluginRegistry registry = PluginRegistry.discover();
        Map<String, Object> summary;
        if (resume != null) {
            if (!config.isEmpty() || out != null || force) {
                throw new ConfigError("train --resume DIR: takes no CONFIG, --out or --force (the directory holds its config)");
            }
            for (String s : sets) {
                if (!s.startsWith("train.steps=")) {
                    throw new ConfigError("--set " + s + ": only train.steps may change when resuming");
                }
            }
            RunDirectory dir = RunDirectory.existing(Path.of(resume));
            RunConfig rc = RunConfig.load(dir.file(RunDirectory.CONFIG), sets);
            try (RunPlan run = RunPlan.build(rc, registry)) {
                summary = TrainJob.resume(TrainPlan.build(rc, run), dir, log);
            }
        } else {
            if (config.isEmpty()) {
                throw new ConfigError("train: missing CONFIG file (or --resume DIR)");
            }
            List<String> all = new ArrayList<>(sets);
            if (out != null) {
                all.add("output.dir=" + com.typesafe.config.ConfigUtil.quoteString(out));
            }
            RunConfig rc = RunConfig.load(Path.of(config.getFirst()), all);
            try (RunPlan run = RunPlan.build(rc, registry)) {
                TrainPlan plan = TrainPlan.build(rc, run);
                summary = TrainJob.start(plan, rc.renderResolved(Set.of("action", "integrator", "transform")),
                        Path.of(run.output().dir()), force, log);
            }
        }
        stdout.println("train: " + summary);
        return Main.OK;
    }
}
