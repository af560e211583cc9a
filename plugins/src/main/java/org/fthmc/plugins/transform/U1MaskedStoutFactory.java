package org.fthmc.plugins.transform;

import java.util.ArrayList;
import java.util.List;
import org.fthmc.config.ConfigKey;
import org.fthmc.config.KeyType;
import org.fthmc.config.Settings;
import org.fthmc.group.U1;
import org.fthmc.spi.FieldTransform;
import org.fthmc.spi.RunContext;
import org.fthmc.spi.TransformFactory;
import org.fthmc.transform.ConvNet;
import org.fthmc.transform.TransformLayer;
import org.fthmc.transform.U1LayerChain;
import org.fthmc.transform.Weights;

/**
 * Registers {@code transform.type = u1-masked-stout}: the 2D U(1) NTHMC map, {@code sweeps} × 8 masked layers
 * (μ = 0, 1 × the four stride-2 offsets), each with its own periodic CNN (3 input channels: masked cos of the
 * plaquette and of the two rectangle orientations; {@code channels} hidden; 2 outputs; GELU; kernel size
 * {@code kernel}). Weights start from {@code seed} (Glorot-uniform times {@code init-scale}) or are loaded from
 * {@code weights} (a {@code .fthmcw} file).
 */
public final class U1MaskedStoutFactory implements TransformFactory {
    private static final int[][] OFFSETS = {{0, 0}, {1, 0}, {0, 1}, {1, 1}};

    @Override
    public String name() {
        return "u1-masked-stout";
    }

    @Override
    public String doc() {
        return "2D U(1) NTHMC map: masked stout-like layers on stride-2 sub-lattices, coefficients from periodic CNNs";
    }

    @Override
    public List<ConfigKey> keys() {
        return List.of(ConfigKey.atLeast("sweeps", KeyType.INT, 1, "sweeps of 8 layers (each link updated once per sweep)"),
                ConfigKey.of("channels", KeyType.INT_LIST, "hidden channels of each layer's CNN, e.g. [4, 4]"),
                ConfigKey.atLeast("kernel", KeyType.INT, 1, "odd convolution kernel size"),
                ConfigKey.atLeast("seed", KeyType.INT, 0, "seed of the weights' initialisation"),
                ConfigKey.positive("init-scale", KeyType.DOUBLE, "initial weights: Glorot-uniform times this factor"),
                ConfigKey.of("weights", KeyType.STRING, "a .fthmcw weights file to load; empty: initialise from seed"),
                ConfigKey.positive("tolerance", KeyType.DOUBLE, "tolerance of the inverse's fixed-point iteration (radians)"),
                ConfigKey.atLeast("max-iterations", KeyType.INT, 1, "iteration cap of the inverse, per layer"));
    }

    @Override
    public FieldTransform create(Settings settings, RunContext context) {
        if (context.group() != U1.INSTANCE || context.lattice().dimensions() != 2) {
            throw settings.error("type", "u1-masked-stout needs lattice.group = u1 in 2 dimensions, not "
                    + context.group().name() + " in " + context.lattice().dimensions());
        }
        int[] dims = context.lattice().extents();
        if (!context.lattice().canTile(new int[] {2, 2})) {
            throw settings.error("type", "u1-masked-stout needs even extents (stride-2 sub-lattices), got " + java.util.Arrays.toString(dims));
        }
        int kernel = settings.getInt("kernel");
        if (kernel % 2 == 0) {
            throw settings.error("kernel", "must be odd, got " + kernel);
        }
        int[] hidden = settings.getIntArray("channels");
        for (int h : hidden) {
            if (h < 1) {
                throw settings.error("channels", "every channel count must be >= 1, got " + java.util.Arrays.toString(hidden));
            }
        }
        int[] channels = new int[hidden.length + 2];
        channels[0] = 3;
        System.arraycopy(hidden, 0, channels, 1, hidden.length);
        channels[channels.length - 1] = 2;
        Weights weights = new Weights();
        List<TransformLayer> layers = new ArrayList<>();
        long seed = settings.getLong("seed");
        int index = 0;
        for (int sweep = 0; sweep < settings.getInt("sweeps"); sweep++) {
            for (int mu = 0; mu < 2; mu++) {
                for (int[] offset : OFFSETS) {
                    ConvNet net = new ConvNet(weights, "layer" + index, 2, channels, kernel, seed * 1_000_003L + index,
                            settings.getDouble("init-scale"));
                    layers.add(new U1MaskedStoutLayer(context.lattice(), mu, offset, net));
                    index++;
                }
            }
        }
        String file = settings.getString("weights");
        if (!file.isEmpty()) {
            try {
                org.fthmc.transform.WeightsFile.read(java.nio.file.Path.of(file), weights);
            } catch (org.fthmc.config.ConfigError e) {
                throw settings.error("weights", e.getMessage());
            }
        }
        return new U1LayerChain(context, layers, weights, settings.getDouble("tolerance"), settings.getInt("max-iterations"));
    }
}
