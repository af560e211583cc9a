package org.fthmc.train;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.fthmc.ConfigError;
import org.fthmc.field.LinkField;
import org.fthmc.io.AtomicFiles;
import org.fthmc.run.CsvLog;
import org.fthmc.run.HistoryPlot;
import org.fthmc.run.JobDiverged;
import org.fthmc.run.Processes;
import org.fthmc.run.RunDirectory;
import org.fthmc.transform.ForceMatchingLoss;
import org.fthmc.spi.Weights;
import org.fthmc.transform.WeightsFile;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Executes a {@link TrainPlan} in a directory: per step a seeded batch of training configurations U, each mapped to
 * V = F⁻¹(U) with the current weights, the mean force-matching loss and gradient, one Adam step; train.csv
 * (step, loss, rate, validation loss), checkpoints of the weights and the optimiser (atomic), weights.fthmcw, and
 * training.png. Batches depend only on (seed, step), so a resumed job is bit-identical to an uninterrupted one.
 * With {@code train.patch} each configuration of a batch is replaced by a random patch of it ({@link Patches}), and
 * the chain and the loss run on the patch.
 * Under mpirun every configuration is split into the run's slabs (each process reads the files and keeps its own),
 * or, with {@code lattice.ranks} all 1, each process evaluates its share of every batch on whole configurations
 * ({@link BatchShare}); either way every process takes the same Adam step and the weights are those of a
 * one-process job.
 */
public final class TrainJob {
    private static final List<String> HEADER = List.of("step", "loss", "rate", "validation_loss", "seconds");

    private final TrainPlan plan;
    private final RunDirectory dir;
    private final PrintStream log;
    private final ForceMatchingLoss loss;
    private final Weights weights;
    private final Adam adam;
    private final BatchShare share;
    /** The validation configurations, or their patches. */
    private final List<LinkField> validationSet;

    private TrainJob(TrainPlan plan, RunDirectory dir, PrintStream log) {
        this.plan = plan;
        this.dir = dir;
        this.log = log;
        this.loss = plan.loss();
        this.weights = plan.chain().weights();
        this.share = new BatchShare(plan.run().processes());
        this.validationSet = patched(plan.validation(), -1);
        var s = plan.settings();
        this.adam = new Adam(weights.values(), plan.schedule(), 0.9, 0.999, 1e-8, s.getDouble("weight-decay"), s.getDouble("clip"));
    }

    /** Starts a new job in {@code out} (with the resolved config written there); returns its summary. */
    public static Map<String, Object> start(TrainPlan plan, String resolvedConfig, Path out, boolean force, List<Path> pluginJars,
                                            PrintStream log) throws IOException {
        Processes processes = plan.run().processes();
        Path here = processes.directory(out);
        try (RunDirectory dir = RunDirectory.createNew(here, RunDirectory.Kind.TRAIN, force, pluginJars)) {
            AtomicFiles.writeString(dir.file(RunDirectory.CONFIG), resolvedConfig);
            log.println("fthmc: training " + plan.chain().weights().count() + " weights on " + plan.training().size() + " configurations ("
                    + plan.validation().size() + " for validation"
                    + plan.patches().map(p -> "; patches of " + java.util.Arrays.toString(p.lattice().extents())).orElse("")
                    + ") -> " + out);
            Map<String, Object> summary = new TrainJob(plan, dir, log).execute(0, CsvLog.create(dir.file(RunDirectory.TRAIN_CSV), HEADER));
            processes.report(log);
            return summary;
        } finally {
            processes.discard(here);
        }
    }

    /**
     * Continues the job in {@code dir} (held by the caller) from its last checkpoint, or from the start if it has
     * none. The checkpoint, train.csv and the new length (not below the steps done) are checked before the resolved
     * config is written back and anything else changes.
     */
    public static Map<String, Object> resume(TrainPlan plan, String resolvedConfig, RunDirectory dir, PrintStream log) throws IOException {
        TrainJob job = new TrainJob(plan, dir, log);
        if (!Files.exists(dir.file(RunDirectory.TRAIN_STATE))) {
            AtomicFiles.writeString(dir.file(RunDirectory.CONFIG), resolvedConfig);
            return job.execute(0, CsvLog.create(dir.file(RunDirectory.TRAIN_CSV), HEADER));
        }
        int[] sizes = job.weights.tensors().stream().mapToInt(Weights.Tensor::size).toArray();
        TrainState state = TrainState.read(dir.file(RunDirectory.TRAIN_STATE), sizes);
        int steps = plan.settings().getInt("steps");
        if (state.step() > steps) {
            throw new ConfigError(dir.dir() + ": train.steps = " + steps + " is below the " + state.step()
                    + " steps the job has already done; give at least " + state.step());
        }
        CsvLog.Resumable csv = CsvLog.checkResumable(dir.file(RunDirectory.TRAIN_CSV), HEADER, state.csvRows());
        for (int i = 0; i < sizes.length; i++) {
            System.arraycopy(state.weights().get(i), 0, job.weights.values().get(i), 0, sizes[i]);
        }
        job.adam.restore(state.step(), state.firstMoments(), state.secondMoments());
        AtomicFiles.writeString(dir.file(RunDirectory.CONFIG), resolvedConfig);
        log.println("fthmc: resuming training in " + dir.dir() + " at step " + state.step());
        Map<String, Object> summary = job.execute(state.step(), csv.open());
        plan.run().processes().report(log);
        return summary;
    }

    private Map<String, Object> execute(long first, CsvLog csv) throws IOException {
        var s = plan.settings();
        int steps = s.getInt("steps");
        if (steps == 0) {
            csv.close();
            return evaluation();
        }
        double last = Double.NaN;
        try (csv) {
            for (long step = first; step < steps; step++) {
                long start = System.nanoTime();
                List<LinkField> batch = patched(batch(step), step);
                List<double[]> gradient = new ArrayList<>();
                for (double[] w : weights.values()) {
                    gradient.add(new double[w.length]);
                }
                double mean = 0;
                for (double[] value : share.map(batch, 1 + weights.count(), u -> flattened(loss.lossAndGradient(sampled(u))))) {
                    mean += value[0] / batch.size();
                    int at = 1;
                    for (double[] g : gradient) {
                        for (int k = 0; k < g.length; k++) {
                            g[k] += value[at + k] / batch.size();
                        }
                        at += g.length;
                    }
                }
                if (!Double.isFinite(mean)) {
                    throw new JobDiverged("training step " + step + ": the loss is " + mean + " (check the learning rate and"
                            + " the training data); the job stopped and its last checkpoint is kept");
                }
                double rate = adam.update(weights.values(), gradient);
                last = mean;
                boolean validate = !plan.validation().isEmpty() && ((step + 1) % s.getInt("validate-every") == 0 || step + 1 == steps);
                String validation = validate ? Double.toString(validationLoss()) : "";
                csv.row(List.of(Long.toString(step), Double.toString(mean), Double.toString(rate), validation,
                        String.format("%.6f", (System.nanoTime() - start) / 1e9)));
                if ((step + 1) % s.getInt("validate-every") == 0 || step + 1 == steps) {
                    log.printf("train: step %d/%d loss %.6g rate %.3g%s%n", step + 1, steps, mean, rate,
                            validate ? " validation " + validation : "");
                }
                if ((step + 1) % s.getInt("checkpoint-every") == 0 || step + 1 == steps) {
                    checkpoint(step + 1, csv.rows());
                }
            }
        }
        plot();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("steps", steps);
        summary.put("last_loss", last);
        summary.put("weights", weights.count());
        return summary;
    }

    /** The configurations of a step's batch: distinct, drawn by a generator seeded with (seed, step). */
    private List<LinkField> batch(long step) {
        List<LinkField> training = plan.training();
        int[] order = new int[training.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Random random = new Random(plan.settings().getLong("seed") * 1_000_003L + step);
        List<LinkField> batch = new ArrayList<>();
        for (int i = 0; i < plan.settings().getInt("batch"); i++) {
            int j = i + random.nextInt(order.length - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
            batch.add(training.get(order[i]));
        }
        return batch;
    }

    /**
     * With {@code train.patch}, a patch of each configuration at a corner drawn by a generator seeded with (seed,
     * step) — step −1 for the validation set, whose patches stay the same all along; otherwise the configurations.
     */
    private List<LinkField> patched(List<LinkField> configurations, long step) {
        if (plan.patches().isEmpty()) {
            return configurations;
        }
        Patches patches = plan.patches().get();
        Random random = new Random(plan.settings().getLong("seed") * 1_000_033L + step + 7);
        List<LinkField> cut = new ArrayList<>();
        for (LinkField u : configurations) {
            cut.add(patches.cut(u, patches.origin(random)));
        }
        return cut;
    }

    /** V = F⁻¹(U) with the current weights. */
    private LinkField sampled(LinkField u) {
        LinkField v = new LinkField(u.lattice(), u.group());
        plan.chain().inverse(u, v);
        return v;
    }

    /** The loss, then the gradient's tensors one after another. */
    private static double[] flattened(ForceMatchingLoss.Value value) {
        double[] flat = new double[1 + value.gradient().stream().mapToInt(g -> g.length).sum()];
        flat[0] = value.loss();
        int at = 1;
        for (double[] g : value.gradient()) {
            System.arraycopy(g, 0, flat, at, g.length);
            at += g.length;
        }
        return flat;
    }

    /**
     * {@code train.steps = 0}: the mean loss of the transform's weights as given over the training configurations and
     * over the validation ones (their patches with {@code train.patch}), without a step: how maps trained otherwise
     * (on patches, at another β) compare on one objective.
     */
    private Map<String, Object> evaluation() {
        double training = 0;
        List<LinkField> data = patched(plan.training(), -2);
        for (double[] value : share.map(data, 1, u -> new double[] {loss.loss(sampled(u))})) {
            training += value[0] / data.size();
        }
        double validation = validationSet.isEmpty() ? Double.NaN : validationLoss();
        log.printf("train: evaluated the weights: loss %.6g on %d training configurations, %.6g on %d for validation%n",
                training, data.size(), validation, validationSet.size());
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("steps", 0);
        summary.put("training_loss", training);
        summary.put("validation_loss", validation);
        summary.put("weights", weights.count());
        return summary;
    }

    private double validationLoss() {
        double sum = 0;
        for (double[] value : share.map(validationSet, 1, u -> new double[] {loss.loss(sampled(u))})) {
            sum += value[0];
        }
        return sum / plan.validation().size();
    }

    private void checkpoint(long next, long rows) throws IOException {
        List<double[]> copies = new ArrayList<>();
        weights.values().forEach(w -> copies.add(w.clone()));
        new TrainState(next, rows, copies, adam.firstMoments(), adam.secondMoments()).write(dir.file(RunDirectory.TRAIN_STATE));
        WeightsFile.write(weights, dir.file(RunDirectory.WEIGHTS));
    }

    private void plot() throws IOException {
        List<double[]> step = new ArrayList<>();
        List<double[]> validation = new ArrayList<>();
        for (String line : Files.readAllLines(dir.file(RunDirectory.TRAIN_CSV)).stream().skip(1).toList()) {
            String[] c = line.split(",", -1);
            step.add(new double[] {Double.parseDouble(c[0]), Double.parseDouble(c[1])});
            if (!c[3].isEmpty()) {
                validation.add(new double[] {Double.parseDouble(c[0]), Double.parseDouble(c[3])});
            }
        }
        if (step.isEmpty()) {
            return;
        }
        XYChart chart = HistoryPlot.chart("Force-matching loss", "step", "loss");
        chart.addSeries("training", step.stream().mapToDouble(a -> a[0]).toArray(), step.stream().mapToDouble(a -> a[1]).toArray())
                .setMarker(SeriesMarkers.NONE);
        if (!validation.isEmpty()) {
            chart.addSeries("validation", validation.stream().mapToDouble(a -> a[0]).toArray(),
                    validation.stream().mapToDouble(a -> a[1]).toArray());
        }
        BitmapEncoder.saveBitmap(chart, dir.file(RunDirectory.TRAIN_PLOT).toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
