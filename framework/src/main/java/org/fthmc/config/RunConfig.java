package org.fthmc.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fthmc.ConfigError;

/**
 * Reads a run's HOCON config: the file, then {@code --set key=value} overrides (which win), then the defaults of
 * reference.conf. Syntax errors, a missing or empty file and a directory are reported as {@link ConfigError}s
 * naming the file. The result is the user's merged config; the run package's {@code RunPlan.build} validates and builds it.
 */
public final class RunConfig {
    /** The sections that select a plugin by type (their plugin defaults are written into a resolved config). */
    public static final Set<String> PLUGIN_BLOCKS = Set.of("action", "integrator", "transform", "backend");
    /** The top-level sections a run config may have. */
    public static final List<String> SECTIONS = List.of("lattice", "action", "integrator", "transform", "hmc", "train",
            "measurements", "output", "backend");

    private final Config user;
    private final List<String> warnings;

    private RunConfig(Config user, List<String> warnings) {
        this.user = user;
        this.warnings = List.copyOf(warnings);
    }

    /** Problems worth a warning that do not stop a run (a key set twice in the file), each naming file and line. */
    public List<String> warnings() {
        return warnings;
    }

    public static RunConfig load(Path file, List<String> sets) {
        if (!Files.exists(file)) {
            throw new ConfigError(file + ": config file not found");
        }
        if (Files.isDirectory(file)) {
            throw new ConfigError(file + ": is a directory, not a config file");
        }
        if (!Files.isReadable(file)) {
            throw new ConfigError(file + ": config file is not readable");
        }
        String text;
        try {
            text = Files.readString(file);
        } catch (java.io.IOException e) {
            throw new ConfigError(file + ": cannot read the config: " + e.getMessage(), e);
        }
        Config parsed;
        try {
            parsed = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
        } catch (ConfigException e) {
            throw new ConfigError(HoconScan.unclosed(text).map(u -> file + ":" + u).orElse(file + ": " + describe(e)), e);
        }
        if (parsed.root().isEmpty()) {
            throw new ConfigError(file + ": the config is empty; it needs at least lattice.dims and action.type");
        }
        List<String> warnings = new ArrayList<>();
        for (HoconScan.Duplicate d : HoconScan.duplicates(text)) {
            warnings.add(file + ":" + d.line() + ": " + d.path() + " is set again (first at line " + d.firstLine()
                    + "); HOCON keeps this later value");
        }
        return fromConfig(parsed, sets, warnings);
    }

    /** A config given as text (tests, examples), with overrides. */
    public static RunConfig parse(String hocon, String description, List<String> sets) {
        try {
            Config parsed = ConfigFactory.parseString(hocon, ConfigParseOptions.defaults().setOriginDescription(description));
            return fromConfig(parsed, sets, List.of());
        } catch (ConfigException e) {
            throw new ConfigError(description + ": " + describe(e), e);
        }
    }

    private static RunConfig fromConfig(Config parsed, List<String> sets, List<String> warnings) {
        Config overrides = ConfigFactory.empty();
        for (String set : sets) {
            overrides = parseSet(set).withFallback(overrides);
        }
        Config user;
        try {
            user = overrides.withFallback(parsed).resolve();
        } catch (ConfigException e) {
            throw new ConfigError(describe(e), e);
        }
        for (var entry : user.root().entrySet()) {
            if (!SECTIONS.contains(entry.getKey())) {
                throw ConfigError.at(entry.getValue().origin(), entry.getKey(),
                        "unknown section" + NearestName.hint(entry.getKey(), SECTIONS) + "; valid sections: " + String.join(", ", SECTIONS));
            }
            if (entry.getValue().valueType() != ConfigValueType.OBJECT) {
                throw ConfigError.at(entry.getValue().origin(), entry.getKey(), "must be a block { ... }, got " + entry.getValue().render(ConfigRenderOptions.concise()));
            }
        }
        return new RunConfig(user, warnings);
    }

    /** Parses one {@code --set key=value}; the value is HOCON (a number, string, list...). */
    static Config parseSet(String set) {
        int eq = set.indexOf('=');
        if (eq <= 0) {
            throw new ConfigError("--set " + set + ": expected key=value");
        }
        String key = set.substring(0, eq).trim();
        String value = set.substring(eq + 1).trim();
        try {
            Config c = ConfigFactory.parseString("v = " + value, ConfigParseOptions.defaults().setOriginDescription("--set " + key));
            return ConfigFactory.empty().withValue(key, c.getValue("v"));
        } catch (ConfigException e) {
            throw new ConfigError("--set " + set + ": " + describe(e), e);
        }
    }

    private static String describe(ConfigException e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }

    /** This config without one section (e.g. a run without its transform, for a side-by-side benchmark). */
    public RunConfig without(String section) {
        return new RunConfig(user.withoutPath(section), warnings);
    }

    /** The user's block for a section (empty when absent). */
    public Config section(String name) {
        return user.hasPath(name) ? user.getConfig(name) : ConfigFactory.empty();
    }

    public boolean userSets(String path) {
        return user.hasPath(path);
    }

    public ConfigOrigin origin(String path) {
        return user.hasPath(path) ? user.getValue(path).origin() : user.origin();
    }

    /** The defaults of reference.conf under the given path (empty when absent). */
    public static Config defaults(String path) {
        Config ref = ConfigFactory.defaultReference();
        return ref.hasPath(path) ? ref.getConfig(path) : ConfigFactory.empty();
    }

    /** The user config with {@code path} set to value (e.g. tuned steps, a new trajectory count on resume). */
    public RunConfig with(String path, Object value) {
        return new RunConfig(user.withValue(path, ConfigValueFactory.fromAnyRef(value)), warnings);
    }

    /**
     * The user config over the run defaults and the given validated plugin blocks (every default of their plugins
     * filled in, from reference.conf or declared with the keys), rendered as HOCON.
     */
    public String renderResolved(Map<String, Config> validatedBlocks) {
        Config resolved = user;
        for (String section : SECTIONS) {
            resolved = resolved.withFallback(defaults("fthmc.run." + section).atKey(section));
        }
        for (var block : validatedBlocks.entrySet()) {
            resolved = resolved.withFallback(block.getValue().atKey(block.getKey()));
        }
        return resolved.root().render(ConfigRenderOptions.defaults().setOriginComments(false).setJson(false));
    }

    /** The list entries of measurements.observables as (type, block) pairs; strings become {@code {type = name}}. */
    public List<Config> observableBlocks() {
        return Settings.blocks(user.getList("measurements.observables"));
    }
}
