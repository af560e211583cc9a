package org.fthmc.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.fthmc.ConfigError;

/**
 * One validated config block (a section such as {@code hmc}, or a plugin block such as {@code action}): the
 * user's values over the defaults, checked against declared {@link ConfigKey}s. Errors it raises name the file
 * and line of the offending value.
 */
public final class Settings {
    private final String path;
    private final Config config;
    private final ConfigOrigin blockOrigin;

    private Settings(String path, Config config, ConfigOrigin blockOrigin) {
        this.path = path;
        this.config = config;
        this.blockOrigin = blockOrigin;
    }

    /**
     * Checks a block: no unknown keys (those in {@code extra} are allowed and not type-checked here), every
     * declared key present (from the user, the reference.conf defaults or the key's own default), of its type and in
     * its range.
     */
    public static Settings validate(String path, Config user, Config defaults, List<ConfigKey> keys, Set<String> extra) {
        List<String> known = new ArrayList<>(keys.stream().map(ConfigKey::name).toList());
        known.addAll(extra);
        for (var entry : user.root().entrySet()) {
            if (!known.contains(entry.getKey())) {
                throw ConfigError.at(entry.getValue().origin(), path + "." + entry.getKey(),
                        "unknown key" + NearestName.hint(entry.getKey(), known) + "; valid keys: " + String.join(", ", known));
            }
        }
        Config merged = user.withFallback(defaults).withFallback(ConfigKey.defaults(keys));
        for (ConfigKey key : keys) {
            // A plugin block that names another type than the default block replaces it whole: the default
            // plugin's keys (a conv network's channels, say) mean nothing to another plugin.
            String type = key.name() + ".type";
            if (key.type() == KeyType.PLUGIN_BLOCK && user.hasPath(type) && defaults.hasPath(type)
                    && !user.getValue(type).unwrapped().equals(defaults.getValue(type).unwrapped())) {
                merged = merged.withValue(key.name(), user.getValue(key.name()));
            }
        }
        for (ConfigKey key : keys) {
            if (!merged.hasPathOrNull(key.name()) || merged.getIsNull(key.name())) {
                throw ConfigError.at(user.origin(), path, "missing required key '" + key.name() + "' (" + key.doc() + ")");
            }
            ConfigValue value = merged.getValue(key.name());
            String where = path + "." + key.name();
            if (!key.type().accepts(value)) {
                String range = key.rangeText().isEmpty() ? "" : " (" + key.rangeText() + ")";
                throw ConfigError.at(value.origin(), where, "expected " + key.type().description() + range + ", got "
                        + value.valueType().name().toLowerCase() + " " + value.render(ConfigRenderOptions.concise()));
            }
            for (double x : numbers(value)) {
                String problem = key.rangeProblem(x);
                if (problem != null) {
                    throw ConfigError.at(value.origin(), where, problem + " (got " + value.render(ConfigRenderOptions.concise()) + ")");
                }
            }
            if (value.valueType() == ConfigValueType.STRING) {
                String problem = key.choiceProblem((String) value.unwrapped());
                if (problem != null) {
                    throw ConfigError.at(value.origin(), where, problem);
                }
            }
        }
        return new Settings(path, merged, user.root().origin());
    }

    /** A block of plain values with no validation (tests, programmatic use). */
    public static Settings of(String path, Config config) {
        return new Settings(path, config, config.origin());
    }

    /** An empty block with the given defaults. */
    public static Settings defaults(String path, Config defaults) {
        return of(path, defaults.withFallback(ConfigFactory.empty()));
    }

    private static List<Double> numbers(ConfigValue value) {
        List<Double> xs = new ArrayList<>();
        if (value.valueType() == ConfigValueType.NUMBER) {
            xs.add(((Number) value.unwrapped()).doubleValue());
        } else if (value.valueType() == ConfigValueType.LIST) {
            for (ConfigValue v : (ConfigList) value) {
                if (v.valueType() == ConfigValueType.NUMBER) {
                    xs.add(((Number) v.unwrapped()).doubleValue());
                }
            }
        }
        return xs;
    }

    public String path() {
        return path;
    }

    public Config config() {
        return config;
    }

    public int getInt(String key) {
        return config.getInt(key);
    }

    public long getLong(String key) {
        return config.getLong(key);
    }

    public double getDouble(String key) {
        return config.getDouble(key);
    }

    public boolean getBoolean(String key) {
        return config.getBoolean(key);
    }

    public String getString(String key) {
        return config.getString(key);
    }

    public int[] getIntArray(String key) {
        return config.getIntList(key).stream().mapToInt(Integer::intValue).toArray();
    }

    public List<String> getStringList(String key) {
        return config.getStringList(key);
    }

    /** A {@link KeyType#PLUGIN_BLOCK} value. */
    public Config getBlock(String key) {
        return config.getConfig(key);
    }

    /** A {@link KeyType#PLUGIN_LIST} value as blocks: a name becomes {@code { type = name }}. */
    public List<Config> getBlockList(String key) {
        return blocks(config.getList(key));
    }

    /** The blocks of a plugin list: each string a {@code { type = name }} block, each object its own block. */
    static List<Config> blocks(ConfigList list) {
        List<Config> blocks = new ArrayList<>();
        for (ConfigValue v : list) {
            if (v.valueType() == ConfigValueType.STRING) {
                blocks.add(ConfigFactory.empty().withValue("type", v));
            } else {
                blocks.add(((com.typesafe.config.ConfigObject) v).toConfig());
            }
        }
        return blocks;
    }

    /** An error located at the value of key (or at the block when the key is absent). */
    public ConfigError error(String key, String problem) {
        ConfigOrigin origin = config.hasPath(key) ? config.getValue(key).origin() : blockOrigin;
        return ConfigError.at(origin, path + "." + key, problem);
    }
}
