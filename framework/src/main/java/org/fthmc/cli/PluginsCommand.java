package org.fthmc.cli;

import com.beust.jcommander.Parameters;
import com.typesafe.config.Config;
import java.io.PrintStream;
import java.util.List;
import org.fthmc.config.ConfigKey;
import org.fthmc.config.RunConfig;
import org.fthmc.config.RunPlan;
import org.fthmc.spi.PluginFactory;
import org.fthmc.spi.PluginKind;
import org.fthmc.spi.PluginRegistry;

/** {@code fthmc plugins}: every plugin with its keys, types, defaults and docs, and the keys of each run section. */
@Parameters(commandDescription = "List every plugin with its keys, types, defaults and docs")
final class PluginsCommand {
    int execute(PrintStream out) {
        PluginRegistry registry = PluginRegistry.discover();
        out.println("Run sections (defaults from reference.conf):");
        section(out, "lattice", RunPlan.LATTICE_KEYS);
        section(out, "integrator", RunPlan.INTEGRATOR_KEYS);
        section(out, "hmc", RunPlan.HMC_KEYS);
        section(out, "output", RunPlan.OUTPUT_KEYS);
        out.println("  measurements.observables: list of observable plugins (names or { type = ..., ... } blocks);"
                + " default: every observable that applies");
        for (PluginKind kind : PluginKind.values()) {
            out.println();
            out.println("Plugins of kind " + kind.key() + ":");
            for (PluginFactory<Object> f : registry.<Object>factories(kind).values()) {
                out.println("  " + f.name() + ": " + f.doc());
                keys(out, "    ", f.keys(), RunConfig.defaults("fthmc.plugins." + kind.key() + "." + f.name()));
            }
        }
        return Main.OK;
    }

    private static void section(PrintStream out, String name, List<ConfigKey> keys) {
        out.println("  " + name + ":");
        keys(out, "    ", keys, RunConfig.defaults("fthmc.run." + name));
    }

    private static void keys(PrintStream out, String indent, List<ConfigKey> keys, Config defaults) {
        for (ConfigKey k : keys) {
            String def = defaults.hasPath(k.name()) ? defaults.getValue(k.name()).render(com.typesafe.config.ConfigRenderOptions.concise()) : "(required)";
            String range = k.rangeText().isEmpty() ? "" : " [" + k.rangeText() + "]";
            out.printf("%s%-26s %-20s default %-22s %s%s%n", indent, k.name(), k.type().description(), def, k.doc(), range);
        }
    }
}
