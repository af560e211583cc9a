package org.fthmc.cli;

import com.beust.jcommander.Parameters;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.fthmc.config.RunConfig;
import org.fthmc.run.RunPlan;
import org.fthmc.run.RunDirectory;
import org.fthmc.spi.PluginRegistry;
import org.fthmc.train.TrainJob;
import org.fthmc.train.TrainPlan;

/** {@code fthmc train}: trains a transform's weights with the force-matching loss, as a config's train section says. */
@Parameters(commandDescription = "Train a field transformation (force-matching loss, Adam) as a HOCON config describes it")
final class TrainCommand extends JobCommand {
    @Override
    String name() {
        return "train";
    }

    @Override
    RunDirectory.Kind kind() {
        return RunDirectory.Kind.TRAIN;
    }

    @Override
    String lengthKey() {
        return "train.steps";
    }

    @Override
    int start(RunConfig config, PluginRegistry registry, List<Path> pluginJars, PrintStream stdout, PrintStream log) throws IOException {
        try (RunPlan run = TrainPlan.runPlan(config, registry)) {
            TrainPlan plan = TrainPlan.build(config, run, registry);
            Path dir = Path.of(run.output().dir());
            report(stdout, TrainJob.start(plan, run.renderResolved(), dir, force, pluginJars, log), dir);
        }
        return Main.OK;
    }

    @Override
    int resume(RunConfig config, RunDirectory dir, PluginRegistry registry, PrintStream stdout, PrintStream log) throws IOException {
        try (RunPlan run = TrainPlan.runPlan(config, registry)) {
            report(stdout, TrainJob.resume(TrainPlan.build(config, run, registry), run.renderResolved(), dir, log),
                    dir.dir());
        }
        return Main.OK;
    }

    private static void report(PrintStream stdout, java.util.Map<String, Object> summary, Path dir) {
        if (summary.containsKey("validation_loss")) {
            stdout.printf("train: 0 steps; the weights' training_loss %s, validation_loss %s%n", summary.get("training_loss"),
                    summary.get("validation_loss"));
            return;
        }
        stdout.printf("train: %s steps, last training loss %s, %s weights -> %s%n", summary.get("steps"), summary.get("last_loss"),
                summary.get("weights"), dir.resolve(RunDirectory.WEIGHTS));
    }
}
