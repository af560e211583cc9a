package org.fthmc.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.fthmc.spi.PluginBlocks;
import org.fthmc.config.RunConfig;
import org.fthmc.run.RunPlan;
import org.fthmc.field.LinkField;
import org.fthmc.spi.Loss;
import org.fthmc.spi.PluginKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.fthmc.transform.ForceMatchingLoss;
import org.fthmc.transform.LayerChain;
import org.fthmc.spi.Weights;

/**
 * The training gradient of every registered loss plugin (with its defaults, and the norm loss with its L∞ term)
 * equals central finite differences of the loss with respect to randomly chosen weights, for a U(1) transform (u1-masked-stout with a small CNN, 4×4) and SU(3) transforms
 * (sun-masked-stout with trainable scalars and with a per-site network, 2⁴).
 */
class TrainingGradientProperties {
    private static final String[] SETUPS = {
        "lattice { dims = [4, 4], group = u1 }\\naction { type = u1-wilson, beta = 2.5 }\\n"
                + "transform { type = u1-masked-stout, sweeps = 1, network { channels = [2] } }",
        "lattice { dims = [2, 2, 2, 2], group = su3 }\\naction { type = sun-wilson, beta = 5.5 }\\ntransform { type = sun-masked-stout }",
        "lattice { dims = [2, 2, 2, 2], group = su3 }\\naction { type = sun-wilson, beta = 5.5 }\\n"
                + "transform { type = sun-masked-stout, coefficients = network, network { channels = [3], kernel = 1 } }"};

    /** Loss blocks beyond every registered loss's defaults: several norms with the L∞ term, the L∞ term alone. */
    private static final List<String> LOSS_VARIANTS = List.of(
            "{ type = norms, norms = [2, 4], norm-weights = [1.0, 0.5], max-weight = 0.3 }",
            "{ type = norms, norms = [2], norm-weights = [0.0], max-weight = 1.0 }");

    /** Every registered loss (with its defaults) and the variants above, on every setup. */
    static Stream<Arguments> setupsAndLosses() {
        List<String> losses = new ArrayList<>();
        for (String name : Fixtures.names(PluginKind.LOSS)) {
            losses.add(Fixtures.block(PluginKind.LOSS, name, new Random(0)));
        }
        losses.addAll(LOSS_VARIANTS);
        return Fixtures.pairs(java.util.stream.IntStream.range(0, SETUPS.length).boxed().toList(), losses);
    }

    @ParameterizedTest(name = "setup {0}: {1}")
    @MethodSource("setupsAndLosses")
    void theWeightGradientIsTheDerivativeOfTheLoss(int setup, String lossBlock) {
        Fixtures.forSeeds("gradient", setup + " " + lossBlock, 1, seed -> gradientMatchesFiniteDifferences(setup, lossBlock, seed));
    }

    private static void gradientMatchesFiniteDifferences(int setup, String lossBlock, int seed) {
        RunPlan plan = RunPlan.build(RunConfig.parse(SETUPS[setup].replace("\\n", "\n") + "\nhmc.threads = 1\nmeasurements.observables = []\n",
                "training", List.of()), Fixtures.REGISTRY);
        try (plan) {
            LayerChain chain = (LayerChain) plan.transform().orElseThrow();
            Loss objective = PluginBlocks.<Loss>build(Fixtures.REGISTRY, PluginKind.LOSS, "loss", ConfigFactory.parseString(lossBlock),
                    List.of(), plan.context()).plugin();
            ForceMatchingLoss loss = new ForceMatchingLoss(plan.context(), chain, plan.action().graph().orElseThrow(), 0.8, objective);
            LinkField v = LinkField.hot(plan.lattice(), plan.group(), seed, 0);
            ForceMatchingLoss.Value value = loss.lossAndGradient(v);
            assertEquals(loss.loss(v), value.loss(), 1e-12 * Math.abs(value.loss()));
            Random random = new Random(seed);
            List<Weights.Tensor> tensors = chain.weights().tensors();
            assertTrue(!tensors.isEmpty());
            for (int k = 0; k < 3; k++) {
                int t = random.nextInt(tensors.size());
                int i = random.nextInt(tensors.get(t).size());
                double[] w = tensors.get(t).values();
                double original = w[i];
                double[] central = new double[2];
                double h = 1e-3;
                for (int r = 0; r < 2; r++) {
                    double step = h / (1 << r);
                    w[i] = original + step;
                    double plus = loss.loss(v);
                    w[i] = original - step;
                    double minus = loss.loss(v);
                    central[r] = (plus - minus) / (2 * step);
                }
                w[i] = original;
                double fd = (4 * central[1] - central[0]) / 3;
                double estimate = Math.abs(fd - central[1]);
                assertEquals(fd, value.gradient().get(t)[i], 1e-7 * Math.max(1, Math.abs(fd)) + 10 * estimate,
                        lossBlock + ": " + tensors.get(t).name() + "[" + i + "]");
            }
        }
    }
}
