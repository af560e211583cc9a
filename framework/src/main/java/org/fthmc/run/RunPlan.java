package org.fthmc.run;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fthmc.ConfigError;
import org.fthmc.config.ConfigKey;
import org.fthmc.config.KeyType;
import org.fthmc.config.NearestName;
import org.fthmc.spi.PluginBlocks;
import org.fthmc.config.RunConfig;
import org.fthmc.config.Settings;
import org.fthmc.group.Groups;
import org.fthmc.group.LinkGroup;
import org.fthmc.lattice.Lattice;
import org.fthmc.parallel.SiteLoops;
import org.fthmc.field.LinkField;
import org.fthmc.spi.FieldTransform;
import org.fthmc.spi.GaugeAction;
import org.fthmc.transform.TransformedAction;
import org.fthmc.spi.Integrator;
import org.fthmc.spi.Observable;
import org.fthmc.spi.PluginFactory;
import org.fthmc.spi.PluginKind;
import org.fthmc.spi.PluginRegistry;
import org.fthmc.spi.Backend;
import org.fthmc.spi.RunContext;

/**
 * A validated, built run: every section checked against its keys, every plugin found and constructed for the
 * lattice and group. Building it is the "fail before any work starts" step of {@code fthmc run}.
 */
public final class RunPlan implements AutoCloseable {
    public static final List<ConfigKey> LATTICE_KEYS = List.of(
            ConfigKey.atLeast("dims", KeyType.INT_LIST, 2, "lattice extents L_0 … L_{D-1} (D >= 2), e.g. [16, 16]"),
            ConfigKey.of("group", KeyType.STRING, "gauge group: u1 or suN (su2, su3, ...)"),
            ConfigKey.oneOf("start", "initial field: hot (random links), cold (unit links) or file (lattice.file)", "hot", "cold", "file"),
            ConfigKey.of("file", KeyType.STRING, "gauge file of the physical field U to start from (start = file; any format)"),
            ConfigKey.of("ranks", KeyType.INT_LIST, "processes per direction under mpirun, e.g. [1, 1, 2, 2]: each direction "
                    + "split into equal blocks; [0] = every process of mpirun along the last direction (slabs); all 1 = every "
                    + "process holds the whole lattice (training only: it splits each batch)"),
            ConfigKey.between("halo", KeyType.INT, 1, 64, "layers of halo a block keeps on both sides of each split direction: "
                    + "at least how far the action and transform reach (2 for rectangles; a transform's CNN adds its "
                    + "receptive field; a shortfall is reported with the depth needed)"));
    public static final List<ConfigKey> INTEGRATOR_KEYS = List.of(
            ConfigKey.of("type", KeyType.STRING, "integrator plugin"),
            ConfigKey.atLeast("steps", KeyType.INT, 1, "integration steps per trajectory"),
            ConfigKey.positive("trajectory-length", KeyType.DOUBLE, "MD time τ of a trajectory"));
    public static final List<ConfigKey> HMC_KEYS = List.of(
            ConfigKey.atLeast("trajectories", KeyType.INT, 1, "production trajectories per stream"),
            ConfigKey.atLeast("thermalization", KeyType.INT, 0, "trajectories per stream before measuring"),
            ConfigKey.atLeast("seed", KeyType.LONG, 0, "seed of every random number of the run"),
            ConfigKey.between("streams", KeyType.INT, 1, 1 << 20, "independent Markov chains run side by side"),
            ConfigKey.between("threads", KeyType.INT, 0, 1024, "threads for site loops; 0 = one per core"),
            ConfigKey.of("tune", KeyType.BOOLEAN, "tune integrator.steps to target-acceptance during thermalization"),
            ConfigKey.between("target-acceptance", KeyType.DOUBLE, 0.05, 0.99, "acceptance the tuner aims at"),
            ConfigKey.atLeast("tune-interval", KeyType.INT, 1, "thermalization trajectories between tuning steps"),
            ConfigKey.atLeast("reversibility-check-every", KeyType.INT, 0, "run a forward-backward check every N trajectories; 0 = never"),
            ConfigKey.oneOf("updater", "hmc (molecular dynamics and a Metropolis step), or heatbath (quenched heat bath + over-relaxation,"
                    + " if the action has one)", "hmc", "heatbath"),
            ConfigKey.atLeast("over-relaxations", KeyType.INT, 0, "over-relaxation sweeps after each heat-bath sweep"),
            ConfigKey.atLeast("heatbath-sweeps", KeyType.INT, 0,
                    "the first N thermalization updates are heat-bath sweeps, then HMC takes over (N <= thermalization)"));
    public static final List<ConfigKey> OUTPUT_KEYS = List.of(
            ConfigKey.of("dir", KeyType.STRING, "run directory (created; never overwritten without --force)"),
            ConfigKey.atLeast("checkpoint-every", KeyType.INT, 1, "write a checkpoint every N trajectories"),
            ConfigKey.atLeast("save-configs-every", KeyType.INT, 0, "save the gauge field every N production trajectories; 0 = never"),
            ConfigKey.of("plot", KeyType.BOOLEAN, "write history.png"),
            ConfigKey.oneOf("progress", "auto, bar, lines or none", "auto", "bar", "lines", "none"));

    /** The validated hmc section. */
    public record Hmc(int trajectories, int thermalization, long seed, int streams, int threads, boolean tune,
                      double targetAcceptance, int tuneInterval, int reversibilityCheckEvery, boolean heatBath,
                      int overRelaxations, int heatBathSweeps) {
        /** Whether update t is a heat-bath sweep: all of them with updater = heatbath, else the first heatbath-sweeps. */
        public boolean sweeps(long t) {
            return heatBath || t < heatBathSweeps;
        }
    }

    /** The validated output section. */
    public record Output(String dir, int checkpointEvery, int saveConfigsEvery, boolean plot, String progress) {
    }

    private final RunConfig config;
    private final Lattice lattice;
    private final LinkGroup group;
    private final Processes processes;
    private final boolean hotStart;
    private final SiteLoops loops;
    private final RunContext context;
    private final GaugeAction action;
    private final FieldTransform transform;
    private final GaugeAction sampledAction;
    private final LinkField startField;
    private final Integrator integrator;
    private final int steps;
    private final double trajectoryLength;
    private final Hmc hmc;
    private final Output output;
    private final List<Observable> observables;
    /** The validated blocks of the plugin sections (action, integrator, transform, backend), for the resolved config. */
    private final Map<String, Config> validatedBlocks = new LinkedHashMap<>();

    private RunPlan(RunConfig config, PluginRegistry registry, boolean buildTransform) {
        this.config = config;
        Settings latticeSettings = section("lattice", LATTICE_KEYS, Set.of());
        int[] dims = latticeSettings.getIntArray("dims");
        if (dims.length < 2) {
            throw latticeSettings.error("dims", "a lattice needs at least 2 dimensions, got " + dims.length);
        }
        String groupName = latticeSettings.getString("group");
        this.group = Groups.byName(groupName).orElseThrow(
                () -> latticeSettings.error("group", "unknown group '" + groupName + "'" + NearestName.hint(groupName, Groups.names())
                        + "; known: " + String.join(", ", Groups.names())));
        String start = latticeSettings.getString("start");
        this.hotStart = start.equals("hot");
        Settings hmcSettings = section("hmc", HMC_KEYS, Set.of());
        this.hmc = new Hmc(hmcSettings.getInt("trajectories"), hmcSettings.getInt("thermalization"), hmcSettings.getLong("seed"),
                hmcSettings.getInt("streams"), hmcSettings.getInt("threads"), hmcSettings.getBoolean("tune"),
                hmcSettings.getDouble("target-acceptance"), hmcSettings.getInt("tune-interval"),
                hmcSettings.getInt("reversibility-check-every"), hmcSettings.getString("updater").equals("heatbath"),
                hmcSettings.getInt("over-relaxations"), hmcSettings.getInt("heatbath-sweeps"));
        if (hmc.heatBathSweeps() > hmc.thermalization()) {
            throw hmcSettings.error("heatbath-sweeps", "heat-bath sweeps are part of the thermalization: at most hmc.thermalization = "
                    + hmc.thermalization() + ", got " + hmc.heatBathSweeps());
        }
        Settings outputSettings = section("output", OUTPUT_KEYS, Set.of());
        this.output = new Output(outputSettings.getString("dir"), outputSettings.getInt("checkpoint-every"),
                outputSettings.getInt("save-configs-every"), outputSettings.getBoolean("plot"), outputSettings.getString("progress"));
        try {
            new Lattice(dims);
        } catch (IllegalArgumentException e) {
            throw latticeSettings.error("dims", e.getMessage());
        }
        int halo = latticeSettings.getInt("halo");
        int[] grid = Processes.grid(latticeSettings, dims, halo);
        checkDistributable(grid);
        this.processes = Processes.open(grid);
        try {
            this.lattice = processes.replicated() ? new Lattice(dims) : Lattice.local(dims, processes.communicator(), halo);
        } catch (IllegalArgumentException e) {
            processes.close();
            throw latticeSettings.error("ranks", e.getMessage());
        }
        this.loops = new SiteLoops(hmc.threads() == 0 ? Runtime.getRuntime().availableProcessors() : hmc.threads());
        try {
            RunContext onCpu = new RunContext(lattice, group, loops, lattice.communicator());
            Config backendBlock = config.section("backend").withFallback(RunConfig.defaults("fthmc.run.backend"));
            PluginBlocks.Built<Backend> backend = PluginBlocks.build(registry, PluginKind.BACKEND, "backend", backendBlock, List.of(), onCpu);
            validatedBlocks.put("backend", backend.settings().config());
            this.context = onCpu.withBackend(backend.plugin());
            this.action = this.<GaugeAction>plugin(registry, PluginKind.ACTION, "action", config.section("action"), List.of()).plugin();
            Config transformBlock = config.section("transform");
            if (transformBlock.isEmpty()) {
                this.transform = null;
            } else if (buildTransform) {
                this.transform = this.<FieldTransform>plugin(registry, PluginKind.TRANSFORM, "transform", transformBlock, List.of()).plugin();
            } else {
                validatedBlocks.put("transform", PluginBlocks.validate(registry, PluginKind.TRANSFORM, "transform", transformBlock, List.of())
                        .settings().config());
                this.transform = null;
            }
            this.sampledAction = transform == null ? action : new TransformedAction(action, transform, new LinkField(lattice, group));
            this.startField = start.equals("file") ? startField(latticeSettings) : null;
            Config integratorBlock = config.section("integrator").withFallback(RunConfig.defaults("fthmc.run.integrator"));
            PluginBlocks.Built<Integrator> built = plugin(registry, PluginKind.INTEGRATOR, "integrator", integratorBlock,
                    INTEGRATOR_KEYS.subList(1, INTEGRATOR_KEYS.size()));
            this.integrator = built.plugin();
            this.steps = built.settings().getInt("steps");
            this.trajectoryLength = built.settings().getDouble("trajectory-length");
            checkForceTerms(built.settings());
            this.observables = observables(registry);
            if (hmc.heatBath() && action.heatBath().isEmpty()) {
                throw hmcSettings.error("updater", "heatbath needs an action with a heat bath (sun-wilson with force = kernel)");
            }
            if (transform != null && (hmc.heatBath() || hmc.heatBathSweeps() > 0)) {
                throw hmcSettings.error(hmc.heatBath() ? "updater" : "heatbath-sweeps",
                        "a heat bath samples U itself: with a transform, thermalise with HMC on V (or start from a file)");
            }
            if (hmc.heatBathSweeps() > 0 && action.heatBath().isEmpty()) {
                throw hmcSettings.error("heatbath-sweeps", "heat-bath sweeps need an action with a heat bath (sun-wilson with force = kernel)");
            }
        } catch (org.fthmc.dsl.DslException e) {
            loops.close();
            processes.close();
            if (lattice.haloDepth() > 0 && e.getMessage().contains("(lattice.halo)")) {
                throw latticeSettings.error("halo", e.getMessage().replaceFirst("^compile: ", ""));
            }
            throw e;
        } catch (RuntimeException e) {
            loops.close();
            processes.close();
            throw e;
        }
    }

    /** The gauge field of lattice.file, checked against the lattice and group; mapped to V by the run. */
    private LinkField startField(Settings latticeSettings) {
        String file = latticeSettings.getString("file");
        if (file.isEmpty()) {
            throw latticeSettings.error("start", "start = file needs lattice.file, the gauge file to start from");
        }
        LinkField u;
        try {
            u = org.fthmc.io.GaugeFiles.read(java.nio.file.Path.of(file), loops);
        } catch (ConfigError e) {
            throw latticeSettings.error("file", e.getMessage());
        }
        if (!java.util.Arrays.equals(u.lattice().extents(), lattice.extents()) || u.group() != group) {
            throw latticeSettings.error("file", file + " holds a " + u.group().name() + " field on " + u.lattice()
                    + ", the config asks for " + group.name() + " on " + lattice);
        }
        return LinkField.localPart(u, lattice);
    }

    /** What a run split over processes cannot do yet, refused before MPI starts. */
    private void checkDistributable(int[] grid) {
        if (java.util.Arrays.stream(grid).reduce(1, (a, b) -> a * b) == 1) {
            return;
        }
        String backend = config.section("backend").hasPath("type") ? config.section("backend").getString("type") : "cpu";
        if (!backend.equals("cpu") && !backend.equals("interpret")) {
            throw ConfigError.at(config.origin("backend"), "backend.type", "backend " + backend
                    + " does not run split over processes yet; use cpu or interpret");
        }
    }

    /** Validates the config and builds every plugin; throws {@link ConfigError} on the first problem. */
    public static RunPlan build(RunConfig config, PluginRegistry registry) {
        return new RunPlan(config, registry, true);
    }

    /**
     * Like {@link #build}, but the transform block is only validated (it stays in {@link #renderResolved}), not built
     * on the run's lattice: for a job that builds its transform for another lattice, such as training on patches,
     * which then does not hold the whole lattice's transform graphs. {@link #transform()} is empty.
     */
    public static RunPlan buildWithoutTransform(RunConfig config, PluginRegistry registry) {
        return new RunPlan(config, registry, false);
    }

    private Settings section(String name, List<ConfigKey> keys, Set<String> extra) {
        return Settings.validate(name, config.section(name), RunConfig.defaults("fthmc.run." + name), keys, extra);
    }

    /** The terms a nested integrator puts on its levels must be terms of the action. */
    private void checkForceTerms(Settings integratorSettings) {
        if (!(integrator instanceof org.fthmc.hmc.NestedIntegrator nested)) {
            return;
        }
        Set<String> terms = sampledAction.terms().keySet();
        for (String term : nested.namedTerms()) {
            if (!terms.contains(term)) {
                throw integratorSettings.error("levels", "'" + term + "' is not a force term of action "
                        + config.section("action").getString("type") + (transform == null ? "" : " with its transform")
                        + NearestName.hint(term, terms) + "; its terms: " + String.join(", ", terms));
            }
        }
    }

    private <T> PluginBlocks.Built<T> plugin(PluginRegistry registry, PluginKind kind, String path, Config block, List<ConfigKey> common) {
        PluginBlocks.Built<T> built = PluginBlocks.build(registry, kind, path, block, common, context);
        if (RunConfig.PLUGIN_BLOCKS.contains(path)) {
            validatedBlocks.put(path, built.settings().config());
        }
        return built;
    }

    /** The run's config with every default filled in (run sections and plugin blocks), as written to config.conf. */
    public String renderResolved() {
        return config.renderResolved(validatedBlocks);
    }

    private List<Observable> observables(PluginRegistry registry) {
        List<Observable> list = new ArrayList<>();
        Settings.validate("measurements", config.section("measurements"), RunConfig.defaults("fthmc.run.measurements"),
                List.of(), Set.of("observables"));
        if (!config.userSets("measurements.observables")) {
            Map<String, PluginFactory<Observable>> factories = registry.factories(PluginKind.OBSERVABLE);
            for (var e : factories.entrySet()) {
                if (e.getValue() instanceof org.fthmc.spi.ObservableFactory o && !o.byDefault()) {
                    continue;
                }
                try {
                    list.add(this.<Observable>plugin(registry, PluginKind.OBSERVABLE, "measurements.observables",
                            ConfigFactory.empty().withValue("type",
                                    ConfigValueFactory.fromAnyRef(e.getKey())), List.of()).plugin());
                } catch (ConfigError notApplicable) {
                    // By default, observables that do not apply to this lattice or group are left out.
                }
            }
            return list;
        }
        if (!KeyType.PLUGIN_LIST.accepts(config.section("measurements").getValue("observables"))) {
            throw ConfigError.at(config.origin("measurements.observables"), "measurements.observables",
                    "expected " + KeyType.PLUGIN_LIST.description());
        }
        Map<String, Observable> byColumn = new LinkedHashMap<>();
        for (Config block : config.observableBlocks()) {
            Observable o = this.<Observable>plugin(registry, PluginKind.OBSERVABLE, "measurements.observables", block, List.of()).plugin();
            if (byColumn.put(o.column(), o) != null) {
                throw ConfigError.at(config.origin("measurements.observables"), "measurements.observables",
                        "observable '" + o.column() + "' is listed twice");
            }
        }
        list.addAll(byColumn.values());
        return list;
    }

    public RunConfig config() {
        return config;
    }

    public Lattice lattice() {
        return lattice;
    }

    public LinkGroup group() {
        return group;
    }

    public boolean hotStart() {
        return hotStart;
    }

    public RunContext context() {
        return context;
    }

    /** The physical action S. */
    public GaugeAction action() {
        return action;
    }

    /** The field transformation of the run, when it has a {@code transform} block. */
    public java.util.Optional<FieldTransform> transform() {
        return java.util.Optional.ofNullable(transform);
    }

    /** The action HMC samples: S_FT(V) = S(F(V)) − ln J with a transform, else S. */
    public GaugeAction sampledAction() {
        return sampledAction;
    }

    /** The physical field U of {@code lattice.file} when {@code lattice.start = file}. */
    public java.util.Optional<LinkField> startField() {
        return java.util.Optional.ofNullable(startField);
    }

    public Integrator integrator() {
        return integrator;
    }

    public int steps() {
        return steps;
    }

    public double trajectoryLength() {
        return trajectoryLength;
    }

    public Hmc hmc() {
        return hmc;
    }

    public Output output() {
        return output;
    }

    public List<Observable> observables() {
        return observables;
    }

    /** The processes of the run (one, or those mpirun started). */
    public Processes processes() {
        return processes;
    }

    @Override
    public void close() {
        loops.close();
        processes.close();
    }
}
