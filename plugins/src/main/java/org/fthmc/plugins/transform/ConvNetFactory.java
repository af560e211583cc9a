package org.fthmc.plugins.transform;

import java.util.List;
import org.fthmc.config.ConfigKey;
import org.fthmc.config.KeyType;
import org.fthmc.config.Settings;
import org.fthmc.spi.NetworkFactory;
import org.fthmc.spi.RunContext;
import org.fthmc.transform.ConvNet;

/** Registers {@code network.type = conv}: the periodic CNN {@link ConvNet} (kernel = 1: a per-site dense network). */
public final class ConvNetFactory implements NetworkFactory {
    @Override
    public String name() {
        return "conv";
    }

    @Override
    public String doc() {
        return "periodic convolutional network with GELU (kernel 1: per-site dense network)";
    }

    @Override
    public List<ConfigKey> keys() {
        return List.of(ConfigKey.of("channels", KeyType.INT_LIST, "hidden channels, e.g. [4, 4]"),
                ConfigKey.atLeast("kernel", KeyType.INT, 1, "odd kernel size in every direction"),
                ConfigKey.positive("init-scale", KeyType.DOUBLE, "initial weights: Glorot-uniform times this factor"));
    }

    @Override
    public Builder create(Settings settings, RunContext context) {
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
        double scale = settings.getDouble("init-scale");
        int dims = context.lattice().dimensions();
        return (weights, prefix, inputs, outputs, seed) -> {
            int[] channels = new int[hidden.length + 2];
            channels[0] = inputs;
            System.arraycopy(hidden, 0, channels, 1, hidden.length);
            channels[channels.length - 1] = outputs;
            return new ConvNet(weights, prefix, dims, channels, kernel, seed, scale);
        };
    }
}
