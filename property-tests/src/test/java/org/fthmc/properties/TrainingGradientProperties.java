package org.fthmc.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.fthmc.config.RunConfig;
import org.fthmc.config.RunPlan;
import org.fthmc.field.LinkField;
import org.fthmc.transform.ForceMatchingLoss;
import org.fthmc.transform.LayerChain;
import org.fthmc.transform.Weights;

/**
 * The training gradient of the force-matching losses (norms and log-mean-exp) equals central finite differences of the loss with respect to
 * randomly chosen weights, for a U(1) transform (u1-masked-stout with a small CNN, 4×4) and SU(3) transforms
 * (sun-masked-stout with trainable scalars and with a per-site network, 2⁴).
 */
class TrainingGradientProperties {
    private static final String[] SETUPS = {
        "lattice { dims = [4, 4], group = u1 }\\naction { type = u1-wilson, beta = 2.5 }\\n"
                + "transform { type = u1-masked-stout, sweeps = 1, network { channels = [2] } }",
        "lattice { dims = [2, 2, 2, 2], group = su3 }\\naction { type = sun-wilson, beta = 5.5 }\\ntransform { type = sun-masked-stout }",
        "lattice { dims = [2, 2, 2, 2], group = su3 }\\naction { type = sun-wilson, beta = 5.5 }\\n"
                + "transform { type = sun-masked-stout, coefficients = network, network { channels = [3], kernel = 1 } }"};

    @Property(tries = 8)
    void theWeightGradientIsTheDerivativeOfTheLoss(@ForAll @IntRange(min = 0, max = 2) int setup, @ForAll boolean logMeanExp,
                                                   @ForAll @IntRange(min = 0, max = 100_000) int seed) {
        RunPlan plan = RunPlan.build(RunConfig.parse(SETUPS[setup].replace("\\n", "\n") + "\nhmc.threads = 1\nmeasurements.observables = []\n",
                "training", List.of()), Fixtures.REGISTRY);
        try (plan) {
            LayerChain chain = (LayerChain) plan.transform().orElseThrow();
            ForceMatchingLoss loss = logMeanExp
                    ? ForceMatchingLoss.logMeanExp(plan.context(), chain, plan.action().graph().orElseThrow(), 0.8)
                    : new ForceMatchingLoss(plan.context(), chain, plan.action().graph().orElseThrow(), 0.8, Map.of(2, 1.0, 4, 0.5));
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
                        tensors.get(t).name() + "[" + i + "]");
            }
        }
    }
}
