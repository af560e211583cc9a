package org.fthmc.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.fthmc.ConfigError;
import org.fthmc.config.ConfigKey;
import org.fthmc.config.KeyType;
import org.fthmc.spi.PluginBlocks;
import org.fthmc.config.RunConfig;
import org.fthmc.run.RunPlan;
import org.fthmc.config.Settings;
import org.fthmc.field.LinkField;
import org.fthmc.io.GaugeFiles;
import org.fthmc.spi.GaugeAction;
import org.fthmc.spi.Loss;
import org.fthmc.spi.PluginKind;
import org.fthmc.spi.PluginRegistry;
import org.fthmc.spi.RunContext;
import org.fthmc.transform.LayerChain;

/**
 * A validated training job (the {@code train} section over a run's lattice, action and transform): everything that
 * can be wrong — a non-positive β_t, a bad loss block (odd norms, an unknown loss), no data, data of another
 * lattice, an action that is not a DSL graph, a transform without weights, weights that do not fit — is reported
 * before training starts.
 */
public final class TrainPlan {
    private final RunPlan run;
    private final Loss loss;
    private final LayerChain chain;
    private final GaugeAction.ActionGraph action;
    private final double betaRatio;
    private final List<LinkField> training = new ArrayList<>();
    private final List<LinkField> validation = new ArrayList<>();
    private final Settings settings;
    /** With {@code train.patch}: the patches and the context of the patch lattice the chain and the loss run on. */
    private final Patches patches;
    private final RunContext trainingContext;

    private TrainPlan(RunConfig config, RunPlan run, PluginRegistry registry) {
        this.run = run;
        this.settings = Settings.validate("train", config.section("train"), RunConfig.defaults("fthmc.run.train"), keys(), Set.of());
        this.patches = patches(settings, run);
        if (patches == null) {
            this.trainingContext = run.context();
            this.chain = run.transform().orElse(null) instanceof LayerChain layerChain ? layerChain : null;
        } else if (config.section("transform").isEmpty()) {
            this.trainingContext = null;
            this.chain = null;
        } else {
            this.trainingContext = patches.context(run.context());
            this.chain = patches.chain(registry, config.section("transform"), trainingContext);
        }
        if (chain == null || chain.weights().count() == 0) {
            throw ConfigError.at(config.origin("transform"), "transform", "training needs a transform with weights (u1-masked-stout, sun-masked-stout)");
        }
        this.action = run.action().graph().orElseThrow(() -> ConfigError.at(config.origin("action"), "action",
                "training needs an action written as a DSL graph; " + config.section("action").getString("type") + " is not"));
        if (!config.section("action").hasPath("beta")) {
            throw ConfigError.at(config.origin("action"), "action", "training needs action.beta (β_t / β scales the target force)");
        }
        this.betaRatio = settings.getDouble("beta-target") / config.section("action").getDouble("beta");
        this.loss = PluginBlocks.<Loss>build(registry, PluginKind.LOSS, "train.loss", settings.getBlock("loss"), List.of(),
                run.context()).plugin();
        List<LinkField> data = load(settings);
        int held = (int) Math.round(settings.getDouble("validation") * data.size());
        validation.addAll(data.subList(data.size() - held, data.size()));
        training.addAll(data.subList(0, data.size() - held));
        if (training.isEmpty()) {
            throw settings.error("validation", "nothing is left to train on: " + data.size() + " configurations, " + held + " held out");
        }
        if (settings.getInt("batch") > training.size()) {
            throw settings.error("batch", "a batch of " + settings.getInt("batch") + " from " + training.size() + " training configurations");
        }
    }

    /** The keys of the train section. */
    public static List<ConfigKey> keys() {
        return List.of(
                ConfigKey.of("data", KeyType.STRING_LIST, "gauge files or directories of them (any format)"),
                ConfigKey.positive("beta-target", KeyType.DOUBLE, "β_t of the force-matching loss"),
                ConfigKey.of("loss", KeyType.PLUGIN_BLOCK, "the loss plugin, e.g. { type = norms, norms = [2, 4], norm-weights = [1, 0.5] }"),
                ConfigKey.atLeast("steps", KeyType.INT, 0, "optimiser steps (0: only evaluate the loss of the transform's weights)"),
                ConfigKey.atLeast("batch", KeyType.INT, 1, "configurations per step"),
                ConfigKey.between("validation", KeyType.DOUBLE, 0, 0.9, "fraction of the data held out"),
                ConfigKey.atLeast("validate-every", KeyType.INT, 1, "steps between validation losses"),
                ConfigKey.atLeast("checkpoint-every", KeyType.INT, 1, "steps between checkpoints"),
                ConfigKey.atLeast("seed", KeyType.LONG, 0, "seed of shuffling and batches"),
                ConfigKey.positive("rate", KeyType.DOUBLE, "peak learning rate"),
                ConfigKey.atLeast("warmup", KeyType.INT, 0, "linear warm-up steps"),
                ConfigKey.atLeast("hold", KeyType.INT, 0, "steps at the peak rate"),
                ConfigKey.atLeast("decay", KeyType.INT, 0, "linear decay steps"),
                ConfigKey.atLeast("end-rate", KeyType.DOUBLE, 0, "rate after the decay"),
                ConfigKey.atLeast("clip", KeyType.DOUBLE, 0, "largest global gradient norm (0: none)"),
                ConfigKey.atLeast("weight-decay", KeyType.DOUBLE, 0, "AdamW decay (0: Adam)"),
                ConfigKey.of("patch", KeyType.INT_LIST, "extents of the random boxes trained on ([]: whole configurations)"),
                ConfigKey.atLeast("frozen", KeyType.INT, 1, "depth of a patch's frozen band at its cut faces"));
    }

    /** The patches of {@code train.patch}, or null for whole configurations. */
    private static Patches patches(Settings settings, RunPlan run) {
        int[] patch = settings.getIntArray("patch");
        if (patch.length == 0) {
            return null;
        }
        if (run.lattice().haloDepth() > 0) {
            throw settings.error("patch", "patch training cuts patches from whole configurations in each process: give lattice.ranks all 1");
        }
        try {
            return new Patches(run.lattice().extents(), patch, settings.getInt("frozen"));
        } catch (IllegalArgumentException e) {
            throw settings.error("patch", e.getMessage());
        }
    }

    /**
     * Validates the train section (its loss block against the registry's loss plugins) and loads the data; the run
     * plan supplies lattice, action and transform.
     */
    public static TrainPlan build(RunConfig config, RunPlan run, PluginRegistry registry) {
        return new TrainPlan(config, run, registry);
    }

    /**
     * The run plan a training job of {@code config} needs: with a non-empty {@code train.patch} the transform is
     * built only on the patch ({@link #build}), so the run plan leaves it unbuilt and training memory follows the
     * patch; otherwise the plan with the run's transform.
     */
    public static RunPlan runPlan(RunConfig config, PluginRegistry registry) {
        com.typesafe.config.Config train = config.section("train");
        boolean onPatches = train.hasPath("patch") && train.getValue("patch") instanceof com.typesafe.config.ConfigList list
                && !list.isEmpty();
        return onPatches ? RunPlan.buildWithoutTransform(config, registry) : RunPlan.build(config, registry);
    }

    private List<LinkField> load(Settings settings) {
        List<Path> files = new ArrayList<>();
        for (String entry : settings.getStringList("data")) {
            Path path = Path.of(entry);
            if (Files.isDirectory(path)) {
                try (Stream<Path> s = Files.list(path)) {
                    s.filter(Files::isRegularFile).sorted().forEach(files::add);
                } catch (IOException e) {
                    throw settings.error("data", entry + ": cannot list: " + e.getMessage());
                }
            } else if (Files.isRegularFile(path)) {
                files.add(path);
            } else {
                throw settings.error("data", entry + ": no such file or directory");
            }
        }
        if (files.isEmpty()) {
            throw settings.error("data", "no gauge files in " + settings.getStringList("data"));
        }
        List<LinkField> fields = new ArrayList<>();
        for (Path f : files) {
            LinkField u;
            try {
                u = GaugeFiles.read(f, run.context().loops());
            } catch (ConfigError e) {
                throw settings.error("data", e.getMessage());
            }
            if (!java.util.Arrays.equals(u.lattice().extents(), run.lattice().extents()) || u.group() != run.group()) {
                throw settings.error("data", f + " holds a " + u.group().name() + " field on " + u.lattice() + ", the config asks for "
                        + run.group().name() + " on " + run.lattice());
            }
            fields.add(LinkField.localPart(u, run.lattice())); // every rank reads the file, and keeps its slab
        }
        java.util.Collections.shuffle(fields, new java.util.Random(settings.getLong("seed")));
        return fields;
    }

    public RunPlan run() {
        return run;
    }

    /** The chain trained: the run's transform, or with patches the same transform on the patch with its band frozen. */
    public LayerChain chain() {
        return chain;
    }

    public Settings settings() {
        return settings;
    }

    /** The loss of this job, compiled for the run's lattice or, with patches, for the patch (on its interior). */
    public org.fthmc.transform.ForceMatchingLoss loss() {
        return new org.fthmc.transform.ForceMatchingLoss(trainingContext, chain, action, betaRatio, loss,
                patches == null ? null : patches.interior());
    }

    /** The patches trained on ({@code train.patch}), if any; {@link #chain} and {@link #loss} then run on a patch. */
    public java.util.Optional<Patches> patches() {
        return java.util.Optional.ofNullable(patches);
    }

    public List<LinkField> training() {
        return training;
    }

    public List<LinkField> validation() {
        return validation;
    }

    /** The learning-rate schedule of the section. */
    public LearningRate schedule() {
        return LearningRate.warmupHoldDecay(settings.getDouble("rate"), settings.getInt("warmup"), settings.getInt("hold"),
                settings.getInt("decay"), settings.getDouble("end-rate"));
    }
}
