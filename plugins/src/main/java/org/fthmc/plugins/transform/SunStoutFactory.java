package org.fthmc.plugins.transform;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.fthmc.config.ConfigError;
import org.fthmc.config.ConfigKey;
import org.fthmc.config.KeyType;
import org.fthmc.config.Settings;
import org.fthmc.dsl.Node;
import org.fthmc.group.SUN;
import org.fthmc.spi.FieldTransform;
import org.fthmc.spi.RunContext;
import org.fthmc.spi.TransformFactory;
import org.fthmc.transform.SunLayerChain;
import org.fthmc.transform.TransformLayer;
import org.fthmc.transform.Weights;
import org.fthmc.transform.WeightsFile;

/**
 * Registers the SU(N) stout-type transforms, {@code sweeps} × 2D slices (direction μ × parity) of
 * {@link SunMaskedStoutLayer}: {@code stout}, ordinary stout smearing with a fixed ρ on every staple
 * (Y = ρ Σ_i C_i), and {@code sun-masked-stout}, with trainable scalars w_i per slice and staple,
 * Y = (1/n_s) Σ_i c_i C_i, c_i = (1.5/π) atan(w_i) ∈ (−0.75, 0.75), n_s = 2(D−1) staples. The per-site network on
 * loop traces (SCIENCE.md §3.1's other option) is not built yet.
 */
public final class SunStoutFactory implements TransformFactory {
    private final boolean trainable;

    private SunStoutFactory(boolean trainable) {
        this.trainable = trainable;
    }

    /** {@code stout} and {@code sun-masked-stout}. */
    public static List<TransformFactory> factories() {
        return List.of(new SunStoutFactory(false), new SunStoutFactory(true));
    }

    @Override
    public String name() {
        return trainable ? "sun-masked-stout" : "stout";
    }

    @Override
    public String doc() {
        return trainable ? "SU(N) masked stout slices with trainable staple coefficients c = (1.5/pi) atan(w)"
                : "SU(N) stout smearing with fixed rho, applied slice by slice (direction x parity)";
    }

    @Override
    public List<ConfigKey> keys() {
        List<ConfigKey> keys = new ArrayList<>(List.of(
                ConfigKey.atLeast("sweeps", KeyType.INT, 1, "sweeps of 2D slices (direction x parity)"),
                ConfigKey.positive("tolerance", KeyType.DOUBLE, "tolerance of the inverse's fixed-point iteration"),
                ConfigKey.atLeast("max-iterations", KeyType.INT, 1, "iteration cap of the inverse, per slice")));
        if (trainable) {
            keys.add(ConfigKey.atLeast("seed", KeyType.INT, 0, "seed of the weights' initialisation"));
            keys.add(ConfigKey.positive("init-scale", KeyType.DOUBLE, "initial w uniform in (-init-scale, init-scale)"));
            keys.add(ConfigKey.of("weights", KeyType.STRING, "a .fthmcw weights file to load; empty: initialise from seed"));
        } else {
            keys.add(ConfigKey.between("rho", KeyType.DOUBLE, -0.125, 0.125, "stout parameter on every staple"));
        }
        return keys;
    }

    @Override
    public FieldTransform create(Settings settings, RunContext context) {
        if (!(context.group() instanceof SUN sun)) {
            throw settings.error("type", name() + " needs lattice.group = suN (su2, su3, ...), not " + context.group().name());
        }
        if (!context.lattice().supportsParity()) {
            throw settings.error("type", name() + " needs even extents (even/odd slices), got " + context.lattice());
        }
        int d = context.lattice().dimensions();
        int staples = 2 * (d - 1);
        Weights weights = new Weights();
        Random random = trainable ? new Random(settings.getLong("seed")) : null;
        List<TransformLayer> layers = new ArrayList<>();
        int index = 0;
        for (int sweep = 0; sweep < settings.getInt("sweeps"); sweep++) {
            for (int mu = 0; mu < d; mu++) {
                for (int parity = 0; parity < 2; parity++) {
                    List<Node> k = new ArrayList<>();
                    if (trainable) {
                        Node.Input w = weights.add("slice" + index + ".w", staples);
                        double[] values = weights.get(w.name()).values();
                        for (int i = 0; i < staples; i++) {
                            values[i] = settings.getDouble("init-scale") * (2 * random.nextDouble() - 1);
                            k.add(w.component(i).atan().times(1.5 / Math.PI / staples));
                        }
                    } else {
                        for (int i = 0; i < staples; i++) {
                            k.add(Node.constant(settings.getDouble("rho")));
                        }
                    }
                    layers.add(new SunMaskedStoutLayer(context.lattice(), sun, mu, parity, k));
                    index++;
                }
            }
        }
        if (trainable && !settings.getString("weights").isEmpty()) {
            try {
                WeightsFile.read(java.nio.file.Path.of(settings.getString("weights")), weights);
            } catch (ConfigError e) {
                throw settings.error("weights", e.getMessage());
            }
        }
        return new SunLayerChain(context, layers, weights, settings.getDouble("tolerance"), settings.getInt("max-iterations"));
    }
}
