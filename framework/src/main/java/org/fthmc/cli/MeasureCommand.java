package org.fthmc.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fthmc.comm.SingleProcessCommunicator;
import org.fthmc.ConfigError;
import org.fthmc.config.RunConfig;
import org.fthmc.config.Settings;
import org.fthmc.field.LinkField;
import org.fthmc.io.GaugeFiles;
import org.fthmc.measure.WilsonFlow;
import org.fthmc.parallel.SiteLoops;
import org.fthmc.spi.GaugeAction;
import org.fthmc.spi.Observable;
import org.fthmc.spi.PluginFactory;
import org.fthmc.spi.PluginKind;
import org.fthmc.spi.PluginRegistry;
import org.fthmc.spi.RunContext;

/**
 * {@code fthmc measure FILE...}: every applicable observable on stored configurations (ILDG, NERSC or fthmc's format),
 * one JSON object per file.
 */
@Parameters(commandDescription = "Measure observables on stored gauge files; prints one JSON object per file")
final class MeasureCommand {
    @Parameter(description = "FILE...", required = true)
    List<String> files = new ArrayList<>();

    @Parameter(names = "--observables", description = "Comma-separated observables (default: every one that applies)")
    List<String> observables = new ArrayList<>();

    @Parameter(names = "--flow", description = "Also flow SU(N) fields to this flow time and report t0 and w0 (Wilson flow, RK3)")
    double flowTime;

    @Parameter(names = "--flow-step", description = "RK3 step of --flow")
    double flowStep = 0.01;

    int execute(PrintStream out) {
        if (flowTime < 0 || flowStep <= 0) {
            throw new ConfigError("measure: --flow must be >= 0 and --flow-step > 0");
        }
        PluginRegistry registry = PluginRegistry.discover();
        Map<String, PluginFactory<Observable>> factories = registry.factories(PluginKind.OBSERVABLE);
        for (String name : observables) {
            if (!factories.containsKey(name)) {
                throw new ConfigError("--observables: unknown observable '" + name + "'"
                        + org.fthmc.config.NearestName.hint(name, factories.keySet()));
            }
        }
        try (SiteLoops loops = new SiteLoops(Runtime.getRuntime().availableProcessors())) {
            List<LinkField> fields = new ArrayList<>();
            for (String f : files) {
                Path path = Path.of(f);
                fields.add(GaugeFiles.read(path, loops));
            }
            for (int i = 0; i < fields.size(); i++) {
                LinkField u = fields.get(i);
                RunContext context = new RunContext(u.lattice(), u.group(), loops, SingleProcessCommunicator.INSTANCE);
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("file", files.get(i));
                result.put("group", u.group().name());
                result.put("dims", java.util.Arrays.stream(u.lattice().extents()).boxed().toList());
                for (var e : factories.entrySet()) {
                    boolean listed = observables.contains(e.getKey());
                    boolean byDefault = !(e.getValue() instanceof org.fthmc.spi.ObservableFactory o) || o.byDefault();
                    if (observables.isEmpty() ? !byDefault : !listed) {
                        continue;
                    }
                    Settings settings = Settings.of("observable", ConfigFactory.empty()
                            .withValue("type", ConfigValueFactory.fromAnyRef(e.getKey()))
                            .withFallback(RunConfig.defaults("fthmc.plugins.observable." + e.getKey())));
                    try {
                        Observable o = e.getValue().create(settings, context);
                        result.put(o.column(), o.measure(u));
                    } catch (ConfigError notApplicable) {
                        if (!observables.isEmpty()) {
                            throw new ConfigError(files.get(i) + ": " + notApplicable.getMessage());
                        }
                    }
                }
                if (flowTime > 0) {
                    if (!(u.group() instanceof org.fthmc.group.SUN)) {
                        throw new ConfigError(files.get(i) + ": --flow needs an SU(N) field, this is " + u.group().name());
                    }
                    var points = flow(u, context, registry).flow(u.copy(), flowStep, flowTime);
                    for (WilsonFlow.Definition d : WilsonFlow.Definition.values()) {
                        String suffix = d == WilsonFlow.Definition.PLAQUETTE ? "" : "_clover";
                        double t0 = WilsonFlow.t0(points, d);
                        double w0 = WilsonFlow.w0(points, d);
                        result.put("t0" + suffix, Double.isNaN(t0) ? null : t0);
                        result.put("w0" + suffix, Double.isNaN(w0) ? null : w0);
                    }
                    double charge = points.getLast().charge();
                    result.put("q_clover", Double.isNaN(charge) ? null : charge);
                    result.put("flow_time", flowTime);
                }
                out.println(ConfigValueFactory.fromMap(result).render(ConfigRenderOptions.concise()));
            }
        }
        return Main.OK;
    }

    /** The Wilson flow driven by the registered {@code sun-wilson} action (its kernel), else by the DSL force. */
    static WilsonFlow flow(LinkField u, RunContext context, PluginRegistry registry) {
        double beta = WilsonFlow.betaOf((org.fthmc.group.SUN) u.group());
        if (registry.factories(PluginKind.ACTION).containsKey("sun-wilson")) {
            Config block = ConfigFactory.parseString("type = sun-wilson, beta = " + beta);
            GaugeAction wilson = org.fthmc.spi.PluginBlocks.<GaugeAction>build(registry, PluginKind.ACTION, "measure --flow",
                    block, List.of(), context).plugin();
            return new WilsonFlow(u, context.loops(), wilson);
        }
        return new WilsonFlow(u, context.loops());
    }
}
