package org.fthmc.transform;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.fthmc.ConfigError;
import org.fthmc.config.ConfigKey;
import org.fthmc.config.KeyType;
import org.fthmc.config.Settings;
import org.fthmc.group.U1;
import org.fthmc.spi.FieldTransform;
import org.fthmc.spi.RunContext;
import org.fthmc.spi.TransformFactory;
import org.fthmc.spi.Weights;

/**
 * The base of a transform plugin made of DSL layers ({@link TransformLayer}): what every such plugin shares, so that a
 * new transform is a layer class and a short factory. It declares, with their defaults, the keys of the inverse
 * ({@code tolerance}, {@code max-iterations}) and, for a trainable transform, {@code seed} and {@code weights} (a
 * .fthmcw file loaded over the seeded initial weights); it refuses a lattice or group the transform does not fit,
 * and builds the U(1) or the SU(N) chain. A subclass names itself, declares its own keys and builds its layers.
 */
public abstract class LayerChainFactory implements TransformFactory {
    private static final List<ConfigKey> INVERSE_KEYS = List.of(
            ConfigKey.positive("tolerance", KeyType.DOUBLE, "tolerance of the inverse's fixed-point iteration").withDefault(1e-12),
            ConfigKey.atLeast("max-iterations", KeyType.INT, 1, "iteration cap of the inverse, per layer").withDefault(200));
    private static final List<ConfigKey> WEIGHT_KEYS = List.of(
            ConfigKey.atLeast("seed", KeyType.LONG, 0, "seed of the weights' initialisation").withDefault(1),
            ConfigKey.of("weights", KeyType.STRING, "a .fthmcw weights file to load; empty: initialise from seed").withDefault(""));

    /** The transform's own keys (with their defaults, or defaults in its module's reference.conf). */
    protected abstract List<ConfigKey> layerKeys();

    /** Whether the transform has weights to train (it then takes {@code seed} and {@code weights}). */
    protected boolean trainable() {
        return true;
    }

    /** Null when the transform fits the run's lattice and group, else what it needs (e.g. "u1 in 2 dimensions"). */
    protected abstract String misfit(RunContext context);

    /**
     * The layers, first applied first. Register trainable values in {@code weights} and initialise them with
     * {@code random} (seeded by the {@code seed} key; a weights file, if given, is loaded over them afterwards).
     */
    protected abstract List<TransformLayer> layers(Settings settings, RunContext context, Weights weights, Random random);

    @Override
    public final List<ConfigKey> keys() {
        List<ConfigKey> keys = new ArrayList<>(layerKeys());
        if (trainable()) {
            keys.addAll(WEIGHT_KEYS);
        }
        keys.addAll(INVERSE_KEYS);
        return keys;
    }

    @Override
    public final FieldTransform create(Settings settings, RunContext context) {
        return chain(settings, context, java.util.function.UnaryOperator.identity());
    }

    /**
     * The chain with each layer replaced by {@code wrap} of it (e.g. {@link FrozenLinks}, restricting it to a patch's
     * interior), over the same weights the plain chain would have (seeded, or loaded from the weights file).
     */
    public final LayerChain chain(Settings settings, RunContext context, java.util.function.UnaryOperator<TransformLayer> wrap) {
        String misfit = misfit(context);
        if (misfit != null) {
            throw settings.error("type", name() + " needs " + misfit + ", not " + context.group().name() + " on " + context.lattice());
        }
        Weights weights = new Weights();
        List<TransformLayer> layers = layers(settings, context, weights, new Random(trainable() ? settings.getLong("seed") : 0))
                .stream().map(wrap).toList();
        if (trainable() && !settings.getString("weights").isEmpty()) {
            try {
                WeightsFile.read(Path.of(settings.getString("weights")), weights);
            } catch (ConfigError e) {
                throw settings.error("weights", e.getMessage());
            }
        }
        double tolerance = settings.getDouble("tolerance");
        int maxIterations = settings.getInt("max-iterations");
        return context.group() == U1.INSTANCE ? new U1LayerChain(context, layers, weights, tolerance, maxIterations)
                : new SunLayerChain(context, layers, weights, tolerance, maxIterations);
    }
}
