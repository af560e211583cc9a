package org.fthmc.plugins.loss;

import java.util.List;
import org.fthmc.config.ConfigKey;
import org.fthmc.config.Settings;
import org.fthmc.dsl.Node;
import org.fthmc.spi.Loss;
import org.fthmc.spi.LossFactory;
import org.fthmc.spi.RunContext;

/** Registers {@code loss.type = log-mean-exp}: log Σ_links e^{|ΔF|} − log N, a smooth maximum of |ΔF|. */
public final class LogMeanExpLossFactory implements LossFactory {
    @Override
    public String name() {
        return "log-mean-exp";
    }

    @Override
    public String doc() {
        return "log Σ_links e^|ΔF| − log N (a smooth maximum of the force mismatch)";
    }

    @Override
    public List<ConfigKey> keys() {
        return List.of();
    }

    @Override
    public Loss create(Settings settings, RunContext context) {
        return new Loss() {
            @Override
            public Node of(List<Node> squared, double links) {
                return logMeanExp(squared, null, links);
            }

            @Override
            public Node of(List<Node> squared, Node counted, double links) {
                return logMeanExp(squared, counted, links);
            }
        };
    }

    /** log Σ e^{|ΔF|} − log N over every link, or over the links where {@code counted} is 1 (null: all). */
    private static Node logMeanExp(List<Node> squared, Node counted, double links) {
        Node sum = null;
        for (Node n2 : squared) {
            Node e = n2.sqrt().exp();
            Node term = (counted == null ? e : e.times(counted)).sum();
            sum = sum == null ? term : sum.plus(term);
        }
        return sum.times(1 / links).log();
    }
}
