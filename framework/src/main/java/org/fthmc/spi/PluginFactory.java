package org.fthmc.spi;

import java.util.List;
import org.fthmc.config.ConfigKey;
import org.fthmc.config.Settings;

/**
 * A named plugin of one kind. It declares its config keys (defaults live in its module's reference.conf under
 * {@code fthmc.plugins.<kind>.<name>}) and builds an instance from a validated block for a run. It throws
 * {@link org.fthmc.ConfigError} (via {@link Settings#error}) when the block does not fit the run
 * (wrong group, wrong dimension).
 */
public interface PluginFactory<T> {
    String name();

    /** One line saying what the plugin is. */
    String doc();

    List<ConfigKey> keys();

    T create(Settings settings, RunContext context);
}
