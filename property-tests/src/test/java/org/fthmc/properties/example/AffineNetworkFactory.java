package org.fthmc.properties.example;

import java.util.List;
import java.util.Random;
import org.fthmc.config.ConfigKey;
import org.fthmc.config.KeyType;
import org.fthmc.config.Settings;
import org.fthmc.dsl.Input;
import org.fthmc.dsl.Node;
import org.fthmc.spi.CoefficientNetwork;
import org.fthmc.spi.NetworkFactory;
import org.fthmc.spi.RunContext;
import org.fthmc.spi.Weights;

/**
 * A coefficient network in one file: per site y = tanh(W x + b), with W and b trainable (W Gaussian with standard
 * deviation init-scale, b = 0 at the start). Any transform with a {@code network} block can use it.
 */
public final class AffineNetworkFactory implements NetworkFactory {
    @Override
    public String name() {
        return "affine";
    }

    @Override
    public String doc() {
        return "example: per-site y = tanh(W x + b)";
    }

    @Override
    public List<ConfigKey> keys() {
        return List.of(ConfigKey.positive("init-scale", KeyType.DOUBLE, "standard deviation of the initial W").withDefault(0.5));
    }

    @Override
    public Builder create(Settings settings, RunContext context) {
        double scale = settings.getDouble("init-scale");
        return (weights, prefix, inputs, outputs, seed) -> {
            Input w = weights.add(prefix + ".w", outputs, inputs);
            Input b = weights.add(prefix + ".b", outputs);
            Random random = new Random(seed);
            double[] values = weights.get(w.name()).values();
            for (int i = 0; i < values.length; i++) {
                values[i] = scale * random.nextGaussian();
            }
            return new CoefficientNetwork() {
                @Override
                public int inputs() {
                    return inputs;
                }

                @Override
                public int outputs() {
                    return outputs;
                }

                @Override
                public Node apply(Node features) {
                    return features.dense(w, outputs).plus(b).tanh();
                }
            };
        };
    }
}
