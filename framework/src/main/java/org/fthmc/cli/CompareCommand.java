package org.fthmc.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.fthmc.analysis.Estimate;
import org.fthmc.ConfigError;
import org.fthmc.run.AutocorrelationComparison;
import org.fthmc.run.Ensemble;
import org.fthmc.run.SamplerComparison;
import org.fthmc.run.Summary;

/**
 * {@code fthmc compare BASELINE RUN...}: the tunnelling metric γ(16) of finished runs and the gains of each run over
 * the baseline per trajectory, per force evaluation and per wall-clock second ({@link SamplerComparison}); with
 * {@code --observable COLUMN} the gains in the integrated autocorrelation time of that measured column instead
 * ({@link AutocorrelationComparison}). An argument is a run directory, or several joined by commas that are pooled
 * as one sampler's replicas.
 */
@Parameters(commandDescription = "Compare samplers: gamma(16) gains of runs over a baseline run, or tau_int gains of "
        + "one observable (--observable), per trajectory, per force evaluation and per second (DIR or DIR,DIR,... pooled)")
final class CompareCommand {
    @Parameter(description = "BASELINE RUN...", required = true)
    List<String> ensembles = new ArrayList<>();

    @Parameter(names = "--json", description = "Print the comparison as JSON instead of a table")
    boolean json;

    @Parameter(names = "--observable", description = "Compare the integrated autocorrelation time of this "
            + "measurements.csv column (e.g. flow_q, flow_t2e) instead of the tunnelling metric gamma(16)")
    String observable;

    int execute(PrintStream out) throws IOException {
        if (ensembles.size() < 2) {
            throw new ConfigError("compare: expected a BASELINE and at least one RUN directory, got " + ensembles.size());
        }
        String column = observable == null ? Ensemble.CHARGE : observable;
        Ensemble baseline = Ensemble.read(dirs(ensembles.get(0)), column);
        List<Ensemble> others = new ArrayList<>();
        for (String arg : ensembles.subList(1, ensembles.size())) {
            others.add(Ensemble.read(dirs(arg), column));
        }
        if (observable != null) {
            return autocorrelation(out, AutocorrelationComparison.of(baseline, others));
        }
        SamplerComparison c = SamplerComparison.of(baseline, others);
        if (json) {
            out.print(Summary.json(c.toMap()));
            return Main.OK;
        }
        out.printf("%-40s %9s %6s %7s %10s %-16s %19s %19s%n", "ensemble", "trajs", "acc", "forces", "s/traj", "transform",
                "dQ2(16)", "gamma(16)");
        row(out, c.baseline());
        c.others().forEach(r -> row(out, r));
        Stream.concat(Stream.of(c.baseline()), c.others().stream()).filter(r -> r.warning() != null)
                .forEach(r -> out.println("note: " + label(r.ensemble()) + ": " + r.warning()));
        out.println("gains over the baseline (gamma(16) at a common chi_t, i.e. the ratio of dQ2(16)):");
        for (SamplerComparison.Row r : c.others()) {
            SamplerComparison.Gains g = c.gains(r);
            out.printf("%-40s per trajectory %s, per force evaluation %s, per second %s%n", label(r.ensemble()),
                    gain(g.perTrajectory()), gain(g.perForceEvaluation()), gain(g.perSecond()));
        }
        return Main.OK;
    }

    private int autocorrelation(PrintStream out, AutocorrelationComparison c) {
        if (json) {
            out.print(Summary.json(c.toMap()));
            return Main.OK;
        }
        out.printf("%-40s %9s %6s %7s %10s %-16s %23s %15s%n", "ensemble", "trajs", "acc", "forces", "s/traj", "transform",
                observable, "tau_int");
        Stream.concat(Stream.of(c.baseline()), c.others().stream()).forEach(r -> {
            Ensemble e = r.ensemble();
            Estimate m = r.estimate();
            out.printf("%-40s %9d %6.3f %7.1f %10.3g %-16s %10.6g +- %9.3g %6.2f +- %5.2f%n", label(e), e.trajectories(),
                    e.acceptance(), e.forcesPerTrajectory(), e.secondsPerTrajectory(), e.transform(), m.mean(), m.error(),
                    m.tauInt(), m.tauIntError());
        });
        out.println("gains over the baseline (the ratio of tau_int of " + observable + "):");
        for (AutocorrelationComparison.Row r : c.others()) {
            SamplerComparison.Gains g = c.gains(r);
            out.printf("%-40s per trajectory %s, per force evaluation %s, per second %s%n", label(r.ensemble()),
                    gain(g.perTrajectory()), gain(g.perForceEvaluation()), gain(g.perSecond()));
        }
        return Main.OK;
    }

    private static List<Path> dirs(String arg) {
        return Arrays.stream(arg.split(",")).filter(s -> !s.isBlank()).map(Path::of).toList();
    }

    private static void row(PrintStream out, SamplerComparison.Row r) {
        Ensemble e = r.ensemble();
        out.printf("%-40s %9d %6.3f %7.1f %10.3g %-16s %9.5f +- %7.5f %9.3f +- %7.3f%n", label(e), e.trajectories(),
                e.acceptance(), e.forcesPerTrajectory(), e.secondsPerTrajectory(), e.transform(), r.deltaQ2().mean(),
                r.deltaQ2().error(), r.gamma().mean(), r.gamma().error());
    }

    private static String label(Ensemble e) {
        String name = e.dirs().get(0).toString();
        return e.dirs().size() > 1 ? name + " (+" + (e.dirs().size() - 1) + ")" : name;
    }

    private static String gain(Estimate g) {
        return String.format("%.3g +- %.2g", g.mean(), g.error());
    }
}
