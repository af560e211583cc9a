package org.fthmc.run;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fthmc.ConfigError;
import org.fthmc.config.RunConfig;
import org.fthmc.field.LinkField;
import org.fthmc.hmc.HmcUpdater;
import org.fthmc.hmc.ReversibilityResult;
import org.fthmc.hmc.StepSizeTuner;
import org.fthmc.hmc.TrajectoryResult;
import org.fthmc.io.AtomicFiles;
import org.fthmc.io.GaugeFile;
import org.fthmc.spi.ExactlySolvable;
import org.fthmc.spi.Observable;

/**
 * Executes a {@link RunPlan} in a run directory: thermalization (with optional step tuning), production with
 * measurements, reversibility checks, checkpoints, and at the end summary.json and history.png. Streams advance in
 * lockstep, trajectory by trajectory; trajectory t of stream s draws its random numbers from key (seed, s, t), so
 * a resumed run continues bit-identically.
 */
public final class HmcRun {
    private final RunPlan plan;
    private final RunDirectory dir;
    private final PrintStream log;
    private final HmcUpdater updater;
    private final org.fthmc.spi.QuenchedUpdater heatBath;
    /** U = F(V) of the field being measured (with a transform), and the S_FT force buffer of its records. */
    private final LinkField physical;
    private final double[] force;

    private HmcRun(RunPlan plan, RunDirectory dir, PrintStream log) {
        this.plan = plan;
        this.dir = dir;
        this.log = log;
        this.updater = new HmcUpdater(plan.sampledAction(), plan.integrator(), plan.context().loops(), plan.context().communicator());
        this.physical = new LinkField(plan.lattice(), plan.group());
        this.force = new double[plan.lattice().links() * plan.group().algebraDimension()];
        this.heatBath = plan.hmc().sweeps(0) ? plan.action().heatBath().orElseThrow() : null;
    }

    /** A heat-bath sweep in place of a trajectory: recorded as accepted, with ΔH = 0 and no force evaluations. */
    private TrajectoryResult sweep(LinkField u, int stream, long t) {
        heatBath.sweep(u, plan.hmc().seed(), stream, t, plan.hmc().overRelaxations());
        return new TrajectoryResult(0, true, 0);
    }

    /** Starts a new run in {@code out} (recording the plugin jars it loaded); returns the summary. */
    public static Map<String, Object> start(RunPlan plan, Path out, boolean force, List<Path> pluginJars, PrintStream log) throws IOException {
        requireOneLattice(plan);
        Path here = plan.processes().directory(out);
        try (RunDirectory dir = RunDirectory.createNew(here, RunDirectory.Kind.RUN, force, pluginJars)) {
            log.println("fthmc: " + java.util.Arrays.toString(plan.lattice().extents()) + " " + plan.group().name() + ", " + plan.hmc().streams() + " stream(s), "
                    + plan.context().loops().threads() + " thread(s)" + processes(plan) + " -> " + out);
            Map<String, Object> summary = new HmcRun(plan, dir, log).executeFromStart();
            plan.processes().report(log);
            return summary;
        } finally {
            plan.processes().discard(here);
        }
    }

    /** Under mpirun a run's processes share one lattice: each holding all of it would run the same chain N times. */
    private static void requireOneLattice(RunPlan plan) {
        if (plan.processes().replicated()) {
            throw new ConfigError("lattice.ranks: all 1 keeps the whole lattice on each of the "
                    + plan.processes().communicator().size() + " processes, which only training uses (it splits its batches);"
                    + " a run splits the lattice: give [0] (every process along the last direction)");
        }
    }

    private static String processes(RunPlan plan) {
        int n = plan.processes().communicator().size();
        return n == 1 ? "" : " x " + n + " processes (" + plan.lattice().pieces() + ")";
    }

    private Map<String, Object> executeFromStart() throws IOException {
        AtomicFiles.writeString(dir.file(RunDirectory.CONFIG), plan.renderResolved());
        if (plan.transform().isPresent() && plan.transform().get().weights().count() > 0) {
            org.fthmc.transform.WeightsFile.write(plan.transform().get().weights(), dir.file(RunDirectory.WEIGHTS));
        }
        return execute(initialState(), CsvLog.create(dir.file(RunDirectory.MEASUREMENTS), measurementHeader()),
                CsvLog.create(dir.file(RunDirectory.REVERSIBILITY), REVERSIBILITY_HEADER));
    }

    /**
     * Continues the run in {@code dir} (held by the caller) from its checkpoint, or from scratch if it died before the
     * first one. Everything is checked (checkpoint, CSV logs, a new length not below what is done) before anything
     * in the directory is written.
     */
    public static Map<String, Object> resume(RunPlan plan, RunDirectory dir, PrintStream log) throws IOException {
        requireOneLattice(plan);
        HmcRun run = new HmcRun(plan, dir, log);
        Path checkpoint = dir.file(RunDirectory.CHECKPOINT);
        if (!Files.exists(checkpoint)) {
            log.println("fthmc: no checkpoint in " + dir.dir() + ": starting the run from its beginning");
            return run.executeFromStart();
        }
        Checkpoint cp = Checkpoint.read(checkpoint);
        if (cp.fields().size() != plan.hmc().streams()) {
            throw new ConfigError(checkpoint + ": holds " + cp.fields().size() + " streams, the config asks for " + plan.hmc().streams());
        }
        for (LinkField f : cp.fields()) {
            if (!java.util.Arrays.equals(f.lattice().extents(), plan.lattice().extents()) || f.group() != plan.group()) {
                throw new ConfigError(checkpoint + ": field does not match the config's lattice and group");
            }
        }
        long done = cp.nextTrajectory() - plan.hmc().thermalization();
        if (done > plan.hmc().trajectories()) {
            throw new ConfigError(dir.dir() + ": hmc.trajectories = " + plan.hmc().trajectories() + " is below the " + done
                    + " production trajectories per stream the run has already done; give at least " + done);
        }
        CsvLog.Resumable measurements = CsvLog.checkResumable(dir.file(RunDirectory.MEASUREMENTS), run.measurementHeader(),
                cp.measurementRows());
        CsvLog.Resumable reversibility = CsvLog.checkResumable(dir.file(RunDirectory.REVERSIBILITY), REVERSIBILITY_HEADER,
                cp.reversibilityRows());
        List<LinkField> fields = new ArrayList<>();
        for (LinkField f : cp.fields()) {
            fields.add(LinkField.localPart(f, plan.lattice()));
        }
        AtomicFiles.writeString(dir.file(RunDirectory.CONFIG), plan.renderResolved());
        log.println("fthmc: resuming " + dir.dir() + " at trajectory " + cp.nextTrajectory() + " (thermalization included)");
        State state = new State(fields, cp.nextTrajectory(), run.tuner(cp.steps(), cp.tuneLow(), cp.tuneHigh()),
                cp.tuneSum(), cp.tuneCount());
        Map<String, Object> summary = run.execute(state, measurements.open(), reversibility.open());
        plan.processes().report(log);
        return summary;
    }

    private static final List<String> REVERSIBILITY_HEADER = List.of("stream", "trajectory", "max_link_distance", "abs_dH");

    /** The mutable state of a run between trajectories. */
    private static final class State {
        final List<LinkField> fields;
        final StepSizeTuner tuner;
        long next;
        double tuneSum;
        int tuneCount;

        State(List<LinkField> fields, long next, StepSizeTuner tuner, double tuneSum, int tuneCount) {
            this.fields = fields;
            this.next = next;
            this.tuner = tuner;
            this.tuneSum = tuneSum;
            this.tuneCount = tuneCount;
        }
    }

    private State initialState() {
        List<LinkField> fields = new ArrayList<>();
        for (int s = 0; s < plan.hmc().streams(); s++) {
            if (plan.startField().isPresent()) {
                fields.add(sampledField(plan.startField().get()));
            } else {
                fields.add(plan.hotStart() ? LinkField.hot(plan.lattice(), plan.group(), plan.hmc().seed(), s)
                        : LinkField.cold(plan.lattice(), plan.group()));
            }
        }
        return new State(fields, 0, tuner(plan.steps(), StepSizeTuner.NO_LOW, StepSizeTuner.NO_HIGH), 0, 0);
    }

    /** V = F⁻¹(U) for a physical start field U (U itself without a transform). */
    private LinkField sampledField(LinkField u) {
        LinkField v = new LinkField(plan.lattice(), plan.group());
        plan.transform().ifPresentOrElse(t -> t.inverse(u, v), () -> v.copyFrom(u));
        return v;
    }

    private StepSizeTuner tuner(int steps, int low, int high) {
        return new StepSizeTuner(plan.hmc().targetAcceptance(), plan.integrator().order(), steps, low, high);
    }

    private List<String> measurementHeader() {
        List<String> h = new ArrayList<>(List.of("stream", "trajectory", "accepted", "dH"));
        plan.observables().forEach(o -> h.add(o.column()));
        if (plan.transform().isPresent()) {
            h.addAll(List.of("log_jacobian", "force_l2", "force_linf"));
        }
        h.add("force_evaluations");
        h.add("seconds");
        return h;
    }

    private Map<String, Object> execute(State state, CsvLog measurements, CsvLog reversibility) throws IOException {
        RunPlan.Hmc hmc = plan.hmc();
        long therm = hmc.thermalization();
        long total = therm + hmc.trajectories();
        int streams = hmc.streams();
        double tau = plan.trajectoryLength();
        long accepted = 0;
        long done = 0;
        try (measurements; reversibility;
             Progress progress = Progress.create(plan.output().progress(), "fthmc", total * streams, state.next * streams, log)) {
            for (long t = state.next; t < total; t++) {
                boolean sweeps = hmc.sweeps(t);
                if (!sweeps && hmc.reversibilityCheckEvery() > 0 && t % hmc.reversibilityCheckEvery() == 0) {
                    for (int s = 0; s < streams; s++) {
                        ReversibilityResult r = updater.reversibility(state.fields.get(s), hmc.seed(), s, t, tau, state.tuner.steps());
                        reversibility.row(List.of(Integer.toString(s), Long.toString(t),
                                Double.toString(r.maxLinkDistance()), Double.toString(r.absDeltaH())));
                    }
                }
                for (int s = 0; s < streams; s++) {
                    long start = System.nanoTime();
                    TrajectoryResult r = sweeps ? sweep(state.fields.get(s), s, t)
                            : updater.trajectory(state.fields.get(s), hmc.seed(), s, t, tau, state.tuner.steps(), true);
                    if (Double.isNaN(r.deltaH()) || r.deltaH() == Double.NEGATIVE_INFINITY) {
                        throw new JobDiverged("stream " + s + ", trajectory " + t + ": dH = " + r.deltaH()
                                + ": the action or its force is no longer finite (check the action's parameters and the step size);"
                                + " the run stopped and its last checkpoint is kept");
                    }
                    accepted += r.accepted() ? 1 : 0;
                    done++;
                    if (t < therm) {
                        if (!sweeps) {
                            state.tuneSum += Math.min(1, Math.exp(-r.deltaH()));
                            state.tuneCount++;
                        }
                    } else {
                        LinkField v = state.fields.get(s);
                        double logJacobian = mapToPhysical(v);
                        measure(measurements, v, logJacobian, s, t - therm, r, (System.nanoTime() - start) / 1e9);
                        saveConfiguration(physical, s, t - therm);
                    }
                    progress.update(t * streams + s + 1, (double) accepted / done);
                }
                if (!sweeps && hmc.tune() && t < therm && state.tuneCount >= hmc.tuneInterval() * streams) {
                    int before = state.tuner.steps();
                    int next = state.tuner.update(state.tuneSum / state.tuneCount);
                    if (next != before) {
                        log.printf("fthmc: tuning: acceptance %.3f with %d steps -> %d steps%n",
                                state.tuneSum / state.tuneCount, before, next);
                    }
                    state.tuneSum = 0;
                    state.tuneCount = 0;
                }
                state.next = t + 1;
                if (state.next % plan.output().checkpointEvery() == 0 || state.next == therm || state.next == total) {
                    new Checkpoint(state.next, state.tuner.steps(), state.tuner.low(), state.tuner.high(), state.tuneSum,
                            state.tuneCount, measurements.rows(),
                            reversibility.rows(), state.fields.stream().map(LinkField::gather).toList())
                            .write(dir.file(RunDirectory.CHECKPOINT));
                }
            }
        }
        return finish(state);
    }

    /** Writes U = F(V) into {@link #physical} (V itself without a transform); returns ln|det F_*(V)|. */
    private double mapToPhysical(LinkField v) {
        if (plan.transform().isEmpty()) {
            physical.copyFrom(v);
            return 0;
        }
        return plan.transform().get().forward(v, physical);
    }

    /**
     * One CSV row: observables on U = {@link #physical}; with a transform also ln J and the norms of the S_FT force
     * at V: force_l2 the root mean square over links of |F| (|F|² = Σ_a F_a²), force_linf the largest |F|.
     */
    private void measure(CsvLog csv, LinkField v, double logJacobian, int stream, long trajectory, TrajectoryResult r, double seconds)
            throws IOException {
        List<String> row = new ArrayList<>(List.of(Integer.toString(stream), Long.toString(trajectory),
                r.accepted() ? "1" : "0", Double.toString(r.deltaH())));
        for (Observable o : plan.observables()) {
            row.add(Double.toString(o.measure(physical)));
        }
        if (plan.transform().isPresent()) {
            java.util.Arrays.fill(force, 0);
            plan.sampledAction().addForce(v, 1, force);
            int dim = plan.group().algebraDimension();
            double[] squares = new double[plan.lattice().links()];
            double max = 0;
            for (int l = 0; l < squares.length; l++) {
                for (int a = 0; a < dim; a++) {
                    squares[l] += force[l * dim + a] * force[l * dim + a];
                }
                max = Math.max(max, squares[l]);
            }
            double[] sums = plan.context().loops().blockSums(squares.length, (from, to) -> {
                double sum = 0;
                for (int l = from; l < to; l++) {
                    sum += squares[l];
                }
                return sum;
            });
            var communicator = plan.context().communicator();
            double links = plan.lattice().globalVolume() * (double) plan.lattice().dimensions();
            row.add(Double.toString(logJacobian));
            row.add(Double.toString(Math.sqrt(plan.lattice().sumInOrder(sums, plan.lattice().dimensions()) / links)));
            row.add(Double.toString(Math.sqrt(communicator.max(max))));
        }
        row.add(Long.toString(r.forceEvaluations()));
        row.add(String.format("%.6f", seconds));
        csv.row(row);
    }

    private void saveConfiguration(LinkField u, int stream, long trajectory) throws IOException {
        int every = plan.output().saveConfigsEvery();
        if (every > 0 && (trajectory + 1) % every == 0) {
            Path configs = Files.createDirectories(dir.file(RunDirectory.CONFIGS));
            GaugeFile.write(u.gather(), configs.resolve(String.format("stream%d_traj%06d.fthmc", stream, trajectory)));
        }
    }

    private Map<String, Object> finish(State state) throws IOException {
        MeasurementTable table = MeasurementTable.read(dir.file(RunDirectory.MEASUREMENTS), plan.hmc().streams());
        List<double[]> rev = new ArrayList<>();
        for (String line : Files.readAllLines(dir.file(RunDirectory.REVERSIBILITY)).stream().skip(1).toList()) {
            String[] c = line.split(",");
            rev.add(new double[] {Double.parseDouble(c[2]), Double.parseDouble(c[3])});
        }
        Map<String, Object> summary = Summary.of(table, plan.observables().stream().map(Observable::column).toList(),
                Math.toIntExact(plan.lattice().globalVolume()), state.tuner.steps(), plan.trajectoryLength(), rev);
        if (plan.action() instanceof ExactlySolvable exact && !exact.exact(plan.lattice()).isEmpty()) {
            summary.put("exact", exact.exact(plan.lattice()));
        }
        AtomicFiles.writeString(dir.file(RunDirectory.SUMMARY), Summary.json(summary));
        if (plan.output().plot()) {
            HistoryPlot.write(table, dir.file(RunDirectory.PLOT));
        }
        return summary;
    }
}
