package org.fthmc.plugins.transform;

import com.google.inject.Provider;
import java.nio.file.Path;
import java.util.List;
import org.fthmc.config.ConfigError;
import org.fthmc.config.PluginBlocks;
import org.fthmc.config.Settings;
import org.fthmc.spi.NetworkFactory;
import org.fthmc.spi.PluginKind;
import org.fthmc.spi.PluginRegistry;
import org.fthmc.spi.RunContext;
import org.fthmc.transform.Weights;
import org.fthmc.transform.WeightsFile;

/** What the built-in transform factories share: their network block and their weights file. */
final class TransformSupport {
    private TransformSupport() {
    }

    /** The network plugin of the block's {@code network} key. */
    static NetworkFactory.Builder network(Provider<PluginRegistry> registry, Settings settings, RunContext context) {
        return PluginBlocks.<NetworkFactory.Builder>build(registry.get(), PluginKind.NETWORK, settings.path() + ".network",
                settings.getBlock("network"), List.of(), context).plugin();
    }

    /** Loads the block's {@code weights} file, when it names one, reporting problems at that key. */
    static void loadWeights(Settings settings, Weights weights) {
        String file = settings.getString("weights");
        if (!file.isEmpty()) {
            try {
                WeightsFile.read(Path.of(file), weights);
            } catch (ConfigError e) {
                throw settings.error("weights", e.getMessage());
            }
        }
    }
}
