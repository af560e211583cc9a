package org.fthmc.plugins.transform;

import com.google.inject.Inject;
import com.google.inject.Provider;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.fthmc.config.ConfigKey;
import org.fthmc.config.KeyType;
import org.fthmc.config.Settings;
import org.fthmc.group.U1;
import org.fthmc.spi.NetworkFactory;
import org.fthmc.spi.PluginRegistry;
import org.fthmc.spi.RunContext;
import org.fthmc.transform.LayerChainFactory;
import org.fthmc.transform.TransformLayer;
import org.fthmc.spi.Weights;

/**
 * Registers {@code transform.type = u1-masked-stout}: the 2D U(1) NTHMC map, {@code sweeps} × 8 masked layers
 * (μ = 0, 1 × the four stride-2 offsets), each with its own coefficient network (a {@code network} plugin, by
 * default the periodic CNN {@code conv}: 3 input channels — masked cos of the plaquette and of the two rectangle
 * orientations — and 2 outputs). Weights start from {@code seed} or are loaded from {@code weights} (.fthmcw); the
 * keys and checks every layer chain shares come from {@link LayerChainFactory}.
 */
public final class U1MaskedStoutFactory extends LayerChainFactory {
    private static final int[][] OFFSETS = {{0, 0}, {1, 0}, {0, 1}, {1, 1}};
    private Provider<PluginRegistry> registry;

    @Inject
    void registry(Provider<PluginRegistry> registry) {
        this.registry = registry;
    }

    @Override
    public String name() {
        return "u1-masked-stout";
    }

    @Override
    public String doc() {
        return "2D U(1) NTHMC map: masked stout-like layers on stride-2 sub-lattices, coefficients from a network per layer";
    }

    @Override
    protected List<ConfigKey> layerKeys() {
        return List.of(ConfigKey.atLeast("sweeps", KeyType.INT, 1, "sweeps of 8 layers (each link updated once per sweep)"),
                ConfigKey.of("network", KeyType.PLUGIN_BLOCK, "the coefficient network of each layer, e.g. { type = conv, channels = [4, 4] }"));
    }

    @Override
    protected String misfit(RunContext context) {
        if (context.group() != U1.INSTANCE || context.lattice().dimensions() != 2) {
            return "lattice.group = u1 in 2 dimensions";
        }
        return context.lattice().canTile(new int[] {2, 2}) ? null : "even extents (stride-2 sub-lattices)";
    }

    @Override
    protected List<TransformLayer> layers(Settings settings, RunContext context, Weights weights, Random random) {
        NetworkFactory.Builder network = TransformSupport.network(registry, settings, context);
        List<TransformLayer> layers = new ArrayList<>();
        long seed = settings.getLong("seed");
        int index = 0;
        for (int sweep = 0; sweep < settings.getInt("sweeps"); sweep++) {
            for (int mu = 0; mu < 2; mu++) {
                for (int[] offset : OFFSETS) {
                    layers.add(new U1MaskedStoutLayer(context.lattice(), mu, offset,
                            network.build(weights, "layer" + index, 3, 2, seed * 1_000_003L + index)));
                    index++;
                }
            }
        }
        return layers;
    }
}
