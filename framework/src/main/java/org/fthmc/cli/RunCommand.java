package org.fthmc.cli;

import com.beust.jcommander.Parameters;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.fthmc.config.RunConfig;
import org.fthmc.run.RunPlan;
import org.fthmc.run.HmcRun;
import org.fthmc.run.RunDirectory;
import org.fthmc.spi.PluginRegistry;

/** {@code fthmc run CONFIG [--out DIR] [--set key=value]... [--force]} or {@code fthmc run --resume DIR}. */
@Parameters(commandDescription = "Run HMC as a HOCON config describes it")
final class RunCommand extends JobCommand {
    @Override
    String name() {
        return "run";
    }

    @Override
    RunDirectory.Kind kind() {
        return RunDirectory.Kind.RUN;
    }

    @Override
    String lengthKey() {
        return "hmc.trajectories";
    }

    @Override
    int start(RunConfig config, PluginRegistry registry, List<Path> pluginJars, PrintStream stdout, PrintStream log) throws IOException {
        try (RunPlan plan = RunPlan.build(config, registry)) {
            Path dir = Path.of(plan.output().dir());
            Map<String, Object> summary = HmcRun.start(plan, dir, force, pluginJars, log);
            new SummaryReport(stdout).print(summary, dir);
        }
        return Main.OK;
    }

    @Override
    int resume(RunConfig config, RunDirectory dir, PluginRegistry registry, PrintStream stdout, PrintStream log) throws IOException {
        try (RunPlan plan = RunPlan.build(config, registry)) {
            new SummaryReport(stdout).print(HmcRun.resume(plan, dir, log), dir.dir());
        }
        return Main.OK;
    }
}
