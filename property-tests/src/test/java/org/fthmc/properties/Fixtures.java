package org.fthmc.properties;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.fthmc.ConfigError;
import org.fthmc.config.ConfigKey;
import org.fthmc.config.KeyType;
import org.fthmc.config.RunConfig;
import org.fthmc.run.RunPlan;
import org.fthmc.field.LinkField;
import org.fthmc.group.Groups;
import org.fthmc.group.LinkGroup;
import org.fthmc.group.SUN;
import org.fthmc.group.U1;
import org.fthmc.math.ComplexMatrices;
import org.fthmc.rng.Purpose;
import org.fthmc.rng.RandomKey;
import org.fthmc.spi.PluginFactory;
import org.fthmc.spi.PluginKind;
import org.fthmc.spi.PluginRegistry;

/**
 * Builds runs for properties that hold for every registered plugin: every property runs on every plugin of its kind
 * (a parameter source over the registry), each with a few fixed seeds of its own; inside, required keys get random
 * values in their declared range, fields are random and a transform's weights are randomised. A new plugin is
 * covered by the whole suite on every run, without test code of its own.
 */
final class Fixtures {
    static final PluginRegistry REGISTRY = PluginRegistry.discover();

    private Fixtures() {
    }

    static List<String> names(PluginKind kind) {
        return new ArrayList<>(REGISTRY.factories(kind).keySet());
    }

    /** Every pair (a, b) of a ∈ first and b ∈ second, as arguments of a parameterised property. */
    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> pairs(List<?> first, List<?> second) {
        return first.stream().flatMap(a -> second.stream().map(b -> org.junit.jupiter.params.provider.Arguments.of(a, b)));
    }

    /** One case of a property, run with a seed. */
    @FunctionalInterface
    interface SeededCase {
        void run(int seed) throws Exception;
    }

    /**
     * Runs a property's case for one plugin (or plugin combination) with {@code count} seeds, fixed per property and
     * plugin, so every run checks the same cases; a failure names the seed that reproduces it.
     */
    static void forSeeds(String property, String plugin, int count, SeededCase body) {
        Random seeds = new Random((property + "/" + plugin).hashCode());
        for (int i = 0; i < count; i++) {
            int seed = seeds.nextInt(1_000_000);
            try {
                body.run(seed);
            } catch (Exception | AssertionError e) {
                throw new AssertionError(plugin + " with seed " + seed + ": " + e.getMessage(), e);
            }
        }
    }

    /** One case of a property on one run plan, with its seed and a generator seeded by it. */
    @FunctionalInterface
    interface PlanCase {
        void run(RunPlan plan, int seed, Random random) throws Exception;
    }

    /**
     * {@link #forSeeds} over the plans {@code plans} makes for each seed (at least one: a plugin that fits none of
     * the lattices tried is a failure), each closed after its case.
     */
    static void forPlans(String property, String plugin, int count, java.util.function.BiFunction<Integer, Random, List<RunPlan>> plans,
                         PlanCase body) {
        forSeeds(property, plugin, count, seed -> {
            Random random = new Random(seed);
            List<RunPlan> built = plans.apply(seed, random);
            org.junit.jupiter.api.Assertions.assertFalse(built.isEmpty(), plugin + " fits none of the lattices tried");
            for (RunPlan plan : built) {
                try (plan) {
                    body.run(plan, seed, random);
                }
            }
        });
    }

    /**
     * Moves every weight of a transform by a random amount (Gaussian, standard deviation {@code scale}), so that
     * properties hold for weights other than a plugin's initialisation.
     */
    static void randomiseWeights(org.fthmc.spi.FieldTransform transform, Random random, double scale) {
        for (double[] w : transform.weights().values()) {
            for (int i = 0; i < w.length; i++) {
                w[i] += scale * random.nextGaussian();
            }
        }
    }

    /** A HOCON block for the plugin with random values for the keys that have no default. */
    static String block(PluginKind kind, String name, Random random) {
        PluginFactory<Object> f = REGISTRY.<Object>factories(kind).get(name);
        Config defaults = RunConfig.defaults("fthmc.plugins." + kind.key() + "." + name);
        StringBuilder b = new StringBuilder("{ type = " + name);
        for (ConfigKey k : f.keys()) {
            if (defaults.hasPath(k.name()) || k.defaultValue() != null) {
                continue;
            }
            if (!k.choices().isEmpty()) {
                b.append(", ").append(k.name()).append(" = ").append(k.choices().get(random.nextInt(k.choices().size())));
                continue;
            }
            // Inside the declared range, preferring [0.5, 4] (a typical coupling or count) where the range allows.
            double lo = Math.max(k.min(), 0.5);
            double hi = Math.min(k.max(), 4);
            if (lo > hi) {
                lo = Math.max(k.min(), -4);
                hi = Math.min(k.max(), 4);
            }
            double x = lo + (hi - lo) * random.nextDouble();
            if (k.minExclusive() && x == k.min()) {
                x = hi;
            }
            if (k.type() == KeyType.INT || k.type() == KeyType.LONG) {
                long n = (long) Math.ceil(x);
                if (n > hi || (k.minExclusive() && n == k.min())) {
                    throw new IllegalStateException(name + "." + k.name() + ": the declared range holds no integer near [" + lo + ", " + hi + "]");
                }
                b.append(", ").append(k.name()).append(" = ").append(n);
            } else if (k.type() == KeyType.DOUBLE) {
                b.append(", ").append(k.name()).append(" = ").append(x);
            } else {
                throw new IllegalStateException(name + "." + k.name() + ": the property suite cannot invent a " + k.type());
            }
        }
        return b.append(" }").toString();
    }

    /**
     * The plan of a run with the given action and integrator on dims, for every group the action accepts;
     * an empty list when no group fits (the action is for a group that has no fields yet).
     */
    static List<RunPlan> plans(String action, String integrator, int[] dims, int threads, Random random, Map<String, Object> extra) {
        List<RunPlan> plans = new ArrayList<>();
        String actionBlock = block(PluginKind.ACTION, action, random);
        for (String group : Groups.names()) {
            StringBuilder hocon = new StringBuilder();
            hocon.append("lattice { dims = ").append(java.util.Arrays.toString(dims)).append(", group = ").append(group).append(" }\n");
            hocon.append("action ").append(actionBlock).append('\n');
            hocon.append("integrator ").append(block(PluginKind.INTEGRATOR, integrator, random)).append('\n');
            hocon.append("hmc.threads = ").append(threads).append('\n');
            hocon.append("measurements.observables = []\n");
            extra.forEach((k, v) -> hocon.append(k).append(" = ").append(v).append('\n'));
            try {
                plans.add(RunPlan.build(RunConfig.parse(hocon.toString(), "property", List.of()), REGISTRY));
            } catch (ConfigError notForThisGroup) {
                if (!notForThisGroup.getMessage().contains("group")) {
                    throw notForThisGroup;
                }
            }
        }
        return plans;
    }

    /** g·U with a random gauge transformation keyed by seed: U_μ(x) → g(x) U_μ(x) g(x+μ̂)†. */
    static LinkField gaugeTransformed(LinkField u, long seed) {
        LinkGroup g = u.group();
        var lattice = u.lattice();
        int d = lattice.dimensions();
        int s = g.storage();
        double[] gauge = new double[lattice.volume() * s];
        RandomKey key = new RandomKey(seed, 7, 0, Purpose.TEST);
        for (int x = 0; x < lattice.volume(); x++) {
            g.setRandom(gauge, x, key, x, 0);
        }
        LinkField out = u.copy();
        for (int x = 0; x < lattice.volume(); x++) {
            for (int mu = 0; mu < d; mu++) {
                int l = x * d + mu;
                int y = lattice.forward(x, mu);
                if (g == U1.INSTANCE) {
                    out.data()[l] = u.data()[l] + gauge[x] - gauge[y];
                } else {
                    int n = ((SUN) g).n();
                    double[] t = new double[s];
                    ComplexMatrices.multiply(n, gauge, x * s, false, u.data(), l * s, false, t, 0, false);
                    ComplexMatrices.multiply(n, t, 0, false, gauge, y * s, true, out.data(), l * s, false);
                }
            }
        }
        return out;
    }
}
