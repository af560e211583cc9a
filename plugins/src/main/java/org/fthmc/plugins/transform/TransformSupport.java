package org.fthmc.plugins.transform;

import com.google.inject.Provider;
import java.util.List;
import org.fthmc.spi.PluginBlocks;
import org.fthmc.config.Settings;
import org.fthmc.spi.NetworkFactory;
import org.fthmc.spi.PluginKind;
import org.fthmc.spi.PluginRegistry;
import org.fthmc.spi.RunContext;

/** What the built-in transform factories share beyond {@link org.fthmc.transform.LayerChainFactory}: their network block. */
final class TransformSupport {
    private TransformSupport() {
    }

    /** The network plugin of the block's {@code network} key. */
    static NetworkFactory.Builder network(Provider<PluginRegistry> registry, Settings settings, RunContext context) {
        return PluginBlocks.<NetworkFactory.Builder>build(registry.get(), PluginKind.NETWORK, settings.path() + ".network",
                settings.getBlock("network"), List.of(), context).plugin();
    }
}
