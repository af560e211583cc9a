package org.fthmc.plugins.transform;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.fthmc.config.ConfigKey;
import org.fthmc.config.KeyType;
import org.fthmc.config.Settings;
import org.fthmc.dsl.Input;
import org.fthmc.dsl.Node;
import org.fthmc.group.SUN;
import org.fthmc.spi.RunContext;
import org.fthmc.spi.TransformFactory;
import org.fthmc.spi.Weights;
import org.fthmc.transform.LayerChainFactory;
import org.fthmc.transform.TransformLayer;

/**
 * Registers the SU(N) stout-type transforms, {@code sweeps} × 2D slices (direction μ × parity) of
 * {@link SunMaskedStoutLayer}: {@code stout}, ordinary stout smearing with a fixed ρ on every staple
 * (Y = ρ Σ_i C_i), and {@code sun-masked-stout}, with trainable scalars w_i per slice and staple,
 * Y = (1/n_s) Σ_i c_i C_i, c_i = (1.5/π) atan(w_i) ∈ (−0.75, 0.75), n_s = 2(D−1) plaquette staples (with
 * {@code chairs = true} also the 8(D−1)(D−2) chair staples: 54 in 4D), where w_i is a trainable
 * scalar per slice and staple ({@code coefficients = scalars}) or the output of a network per slice
 * ({@code coefficients = network}) on the real parts of tr W, tr W², tr W³ of the plaquettes W in the planes that
 * hold no μ-link (all fixed), with {@code rectangles = true} also of the two 2×1 rectangles at x in each of those
 * planes, e.g. {@code network { type = conv, channels = [48, 48], kernel = 1 }}: per-site dense.
 */
public final class SunStoutFactory extends LayerChainFactory {
    private final boolean trainable;
    private com.google.inject.Provider<org.fthmc.spi.PluginRegistry> registry;

    @com.google.inject.Inject
    void registry(com.google.inject.Provider<org.fthmc.spi.PluginRegistry> registry) {
        this.registry = registry;
    }

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
    protected boolean trainable() {
        return trainable;
    }

    @Override
    protected List<ConfigKey> layerKeys() {
        List<ConfigKey> keys = new ArrayList<>(List.of(ConfigKey.atLeast("sweeps", KeyType.INT, 1, "sweeps of 2D slices (direction x parity)")));
        if (trainable) {
            keys.add(ConfigKey.positive("init-scale", KeyType.DOUBLE, "initial w uniform in (-init-scale, init-scale)"));
            keys.add(ConfigKey.oneOf("coefficients", "scalars (one trainable scalar per staple and slice) or network", "scalars", "network"));
            keys.add(ConfigKey.of("chairs", KeyType.BOOLEAN, "add the 48 five-link chair staples (4D) to the 6 plaquette staples"));
            keys.add(ConfigKey.of("network", KeyType.PLUGIN_BLOCK, "the coefficient network of each slice (coefficients = network)"));
            keys.add(ConfigKey.of("rectangles", KeyType.BOOLEAN, "the network also reads the traces of the 2x1 rectangles in the planes without mu"));
        } else {
            keys.add(ConfigKey.between("rho", KeyType.DOUBLE, -0.125, 0.125, "stout parameter on every staple"));
        }
        return keys;
    }

    @Override
    protected String misfit(RunContext context) {
        if (!(context.group() instanceof SUN)) {
            return "lattice.group = suN (su2, su3, ...)";
        }
        return context.lattice().supportsParity() ? null : "even extents (even/odd slices)";
    }

    @Override
    protected List<TransformLayer> layers(Settings settings, RunContext context, Weights weights, Random random) {
        SUN sun = (SUN) context.group();
        int d = context.lattice().dimensions();
        boolean chairs = trainable && settings.getBoolean("chairs");
        if (chairs && d < 3) {
            throw settings.error("chairs", "chair staples need at least 3 dimensions, the lattice has " + d);
        }
        int staples = SunMaskedStoutLayer.staples(d, chairs);
        boolean network = trainable && parseCoefficients(settings);
        boolean rectangles = network && settings.getBoolean("rectangles");
        int features = 3 * (d - 1) * (d - 2) / 2 * (rectangles ? 3 : 1);
        org.fthmc.spi.NetworkFactory.Builder builder = network ? TransformSupport.network(registry, settings, context) : null;
        List<TransformLayer> layers = new ArrayList<>();
        int index = 0;
        for (int sweep = 0; sweep < settings.getInt("sweeps"); sweep++) {
            for (int mu = 0; mu < d; mu++) {
                for (int parity = 0; parity < 2; parity++) {
                    java.util.function.Function<List<Node>, List<Node>> coefficients;
                    if (network) {
                        coefficients = networkCoefficients(builder.build(weights, "slice" + index, features, staples,
                                settings.getLong("seed") * 1_000_003L + index), d, mu, staples, rectangles);
                    } else {
                        List<Node> k = trainable ? scalarCoefficients(weights, "slice" + index, staples, random, settings.getDouble("init-scale"))
                                : java.util.Collections.nCopies(staples, Node.constant(settings.getDouble("rho")));
                        coefficients = links -> k;
                    }
                    layers.add(new SunMaskedStoutLayer(context.lattice(), sun, mu, parity, chairs, coefficients));
                    index++;
                }
            }
        }
        return layers;
    }

    /** (1.5/π) atan(w_i)/n_s with trainable scalars w_i, initialised uniformly in (−scale, scale). */
    private static List<Node> scalarCoefficients(Weights weights, String prefix, int staples, Random random, double scale) {
        Input w = weights.add(prefix + ".w", staples);
        double[] values = weights.get(w.name()).values();
        List<Node> k = new ArrayList<>();
        for (int i = 0; i < staples; i++) {
            values[i] = scale * (2 * random.nextDouble() - 1);
            k.add(w.component(i).atan().times(1.5 / Math.PI / staples));
        }
        return k;
    }

    private static boolean parseCoefficients(Settings settings) {
        return settings.getString("coefficients").equals("network");
    }

    /**
     * Per-site coefficients (1.5/π) atan(y_i)/n_s, y = the network on Re tr W, Re tr W², Re tr W³ of the plaquettes W
     * in the planes without μ (and, with {@code rectangles}, of the two 2×1 rectangles at x in each such plane): loops
     * of fixed links only, built from the slice's input links when the layer applies them.
     */
    private static java.util.function.Function<List<Node>, List<Node>> networkCoefficients(org.fthmc.spi.CoefficientNetwork net,
                                                                                           int d, int mu, int staples, boolean rectangles) {
        return links -> {
            Node y = net.apply(fixedLoopFeatures(links, d, mu, rectangles));
            List<Node> k = new ArrayList<>();
            for (int i = 0; i < staples; i++) {
                k.add(y.component(i).atan().times(1.5 / Math.PI / staples));
            }
            return k;
        };
    }

    private static Node fixedLoopFeatures(List<Node> links, int d, int mu, boolean rectangles) {
        List<Node> features = new ArrayList<>();
        for (int nu = 0; nu < d; nu++) {
            for (int rho = nu + 1; rho < d; rho++) {
                if (nu == mu || rho == mu) {
                    continue;
                }
                addPowerTraces(org.fthmc.gauge.SunLoops.plaquette(links, nu, rho), features);
                if (rectangles) {
                    addPowerTraces(org.fthmc.gauge.SunLoops.rectangle(links, nu, rho), features);
                    addPowerTraces(org.fthmc.gauge.SunLoops.rectangle(links, rho, nu), features);
                }
            }
        }
        return Node.stack(features);
    }

    /** Re tr W, Re tr W², Re tr W³. */
    private static void addPowerTraces(Node w, List<Node> features) {
        Node w2 = w.times(w);
        features.add(w.trace().re());
        features.add(w2.trace().re());
        features.add(w2.times(w).trace().re());
    }
}
