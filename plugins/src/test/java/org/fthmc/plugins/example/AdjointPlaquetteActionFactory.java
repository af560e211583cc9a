package org.fthmc.plugins.example;

import java.util.List;
import org.fthmc.config.ConfigKey;
import org.fthmc.config.KeyType;
import org.fthmc.config.Settings;
import org.fthmc.dsl.Node;
import org.fthmc.gauge.U1DslAction;
import org.fthmc.spi.ActionFactory;
import org.fthmc.spi.GaugeAction;
import org.fthmc.spi.RunContext;

/** U(1) with a charge-2 plaquette term: S = Σ_{x, μ<ν} [β (1 − cos θ_P) + γ (1 − cos 2θ_P)]. */
public final class AdjointPlaquetteActionFactory implements ActionFactory {
    @Override
    public String name() {
        return "u1-adjoint-plaquette";
    }

    @Override
    public String doc() {
        return "U(1) plaquette action with a charge-2 term γ (1 − cos 2θ_P)";
    }

    @Override
    public List<ConfigKey> keys() {
        return List.of(ConfigKey.positive("beta", KeyType.DOUBLE, "coefficient of 1 − cos θ_P"),
                ConfigKey.of("gamma", KeyType.DOUBLE, "coefficient of 1 − cos 2θ_P"));
    }

    @Override
    public GaugeAction create(Settings settings, RunContext context) {
        double beta = settings.getDouble("beta");
        double gamma = settings.getDouble("gamma");
        // Only the action is written; U1DslAction derives the force F_μ = ∂S/∂θ_μ from this graph.
        return new U1DslAction(context, theta -> {
            Node density = null;
            for (int mu = 0; mu < theta.size(); mu++) {
                for (int nu = mu + 1; nu < theta.size(); nu++) {
                    Node p = theta.get(mu).plus(theta.get(nu).shift(mu, 1))
                            .minus(theta.get(mu).shift(nu, 1)).minus(theta.get(nu));
                    Node term = p.cos().negate().plus(1).times(beta)
                            .plus(p.times(2).cos().negate().plus(1).times(gamma));
                    density = density == null ? term : density.plus(term);
                }
            }
            return density.sum();
        });
    }
}
