package org.fthmc.spi;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fthmc.ConfigError;
import org.fthmc.config.ConfigKey;
import org.fthmc.config.KeyType;
import org.fthmc.config.NearestName;
import org.fthmc.config.RunConfig;
import org.fthmc.config.Settings;
import org.fthmc.spi.PluginFactory;
import org.fthmc.spi.PluginKind;
import org.fthmc.spi.PluginRegistry;
import org.fthmc.spi.RunContext;

/**
 * Builds a plugin from a config block {@code { type = name, key = value, … }}: finds the factory, validates the
 * block against the factory's keys and its reference.conf defaults, and creates the plugin. Used by
 * the run plan and by plugins made of other plugins (the nested integrator's levels).
 */
public final class PluginBlocks {
    private PluginBlocks() {
    }

    /** A plugin and the validated block it was built from. */
    public record Built<T>(T plugin, Settings settings) {
    }

    /** A plugin's factory and its validated settings, before the plugin is built. */
    public record Validated<T>(PluginFactory<T> factory, Settings settings) {
    }

    /**
     * Finds the plugin named by {@code block.type} and builds it; {@code path} names the block in messages,
     * {@code common} are keys every plugin of the block takes besides its own.
     */
    public static <T> Built<T> build(PluginRegistry registry, PluginKind kind, String path, Config block, List<ConfigKey> common,
                                     RunContext context) {
        Validated<T> v = validate(registry, kind, path, block, common);
        return new Built<>(v.factory().create(v.settings(), context), v.settings());
    }

    /** Finds the plugin named by {@code block.type} and validates the block against its keys (see {@link #build}). */
    public static <T> Validated<T> validate(PluginRegistry registry, PluginKind kind, String path, Config block, List<ConfigKey> common) {
        Map<String, PluginFactory<T>> factories = registry.factories(kind);
        if (!block.hasPath("type")) {
            throw ConfigError.at(block.origin(), path, "missing required key 'type'; one of: " + String.join(", ", factories.keySet()));
        }
        if (!KeyType.STRING.accepts(block.getValue("type"))) {
            throw ConfigError.at(block.getValue("type").origin(), path + ".type", "expected a plugin name, got "
                    + block.getValue("type").render(ConfigRenderOptions.concise()));
        }
        String type = block.getString("type");
        PluginFactory<T> factory = factories.get(type);
        if (factory == null) {
            throw ConfigError.at(block.getValue("type").origin(), path + ".type", "unknown " + kind.key() + " plugin '" + type + "'"
                    + NearestName.hint(type, factories.keySet()) + "; known: " + String.join(", ", factories.keySet()));
        }
        List<ConfigKey> keys = new ArrayList<>(common);
        keys.addAll(factory.keys());
        Settings settings = Settings.validate(path, block, RunConfig.defaults("fthmc.plugins." + kind.key() + "." + type),
                keys, Set.of("type"));
        return new Validated<>(factory, settings);
    }
}
