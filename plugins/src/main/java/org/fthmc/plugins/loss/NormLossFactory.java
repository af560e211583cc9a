package org.fthmc.plugins.loss;

import java.util.List;
import org.fthmc.config.ConfigKey;
import org.fthmc.config.KeyType;
import org.fthmc.config.Settings;
import org.fthmc.dsl.Node;
import org.fthmc.spi.Loss;
import org.fthmc.spi.LossFactory;
import org.fthmc.spi.RunContext;

/**
 * Registers {@code loss.type = norms}: L = Σ_p c_p (Σ_links |ΔF|^p / N)^{1/p} over even p, plus
 * c_∞ max_links |ΔF| (the L∞ term; its derivative is that of the link holding the maximum).
 */
public final class NormLossFactory implements LossFactory {
    @Override
    public String name() {
        return "norms";
    }

    @Override
    public String doc() {
        return "Σ_p c_p (Σ_links |ΔF|^p / N)^(1/p) over even p, plus c_∞ max_links |ΔF|";
    }

    @Override
    public List<ConfigKey> keys() {
        return List.of(ConfigKey.of("norms", KeyType.INT_LIST, "the even p of the p-norm terms"),
                ConfigKey.of("norm-weights", KeyType.DOUBLE_LIST, "c_p, one per norm (0 leaves a norm out)"),
                ConfigKey.atLeast("max-weight", KeyType.DOUBLE, 0, "c_∞ of the L∞ term max_links |ΔF| (0: none)"));
    }

    @Override
    public Loss create(Settings settings, RunContext context) {
        int[] p = settings.getIntArray("norms");
        List<Double> c = settings.config().getDoubleList("norm-weights");
        double maxWeight = settings.getDouble("max-weight");
        if (p.length != c.size()) {
            throw settings.error("norm-weights", "one weight per norm: " + p.length + " norms, " + c.size() + " weights");
        }
        for (int norm : p) {
            if (norm < 2 || norm % 2 != 0) {
                throw settings.error("norms", "the norms are even p >= 2, got " + norm);
            }
        }
        if (maxWeight == 0 && c.stream().allMatch(w -> w == 0)) {
            throw settings.error("norm-weights", "every weight is 0 and max-weight too: the loss would be constant");
        }
        return (squared, links) -> {
            Node total = null;
            for (int i = 0; i < p.length; i++) {
                if (c.get(i) == 0) {
                    continue;
                }
                Node sum = null;
                for (Node n2 : squared) {
                    Node power = n2;
                    for (int k = 1; k < p[i] / 2; k++) {
                        power = power.times(n2);
                    }
                    sum = sum == null ? power.sum() : sum.plus(power.sum());
                }
                Node term = sum.times(1 / links).log().times(1.0 / p[i]).exp().times(c.get(i));
                total = total == null ? term : total.plus(term);
            }
            if (maxWeight > 0) {
                Node term = Node.max(squared).sqrt().times(maxWeight);
                total = total == null ? term : total.plus(term);
            }
            return total;
        };
    }
}
