package org.fthmc.plugins.action;

import java.util.List;
import org.fthmc.config.ConfigKey;
import org.fthmc.config.KeyType;
import org.fthmc.config.Settings;
import org.fthmc.gauge.U1DslAction;
import org.fthmc.gauge.U1Loops;
import org.fthmc.group.U1;
import org.fthmc.spi.ActionFactory;
import org.fthmc.spi.GaugeAction;
import org.fthmc.spi.RunContext;

/** Registers {@code action.type = u1-wilson}. */
public final class U1WilsonActionFactory implements ActionFactory {
    @Override
    public String name() {
        return "u1-wilson";
    }

    @Override
    public String doc() {
        return "U(1) Wilson plaquette action β Σ (1 − cos θ_P), any dimension; hand-written or DSL-derived force";
    }

    @Override
    public List<ConfigKey> keys() {
        return List.of(ConfigKey.positive("beta", KeyType.DOUBLE, "inverse coupling β"),
                ConfigKey.oneOf("force", "kernel (hand-written) or dsl (derived from the DSL graph of S)", "kernel", "dsl"));
    }

    @Override
    public GaugeAction create(Settings settings, RunContext context) {
        if (context.group() != U1.INSTANCE) {
            throw settings.error("type", "u1-wilson needs lattice.group = u1, not " + context.group().name());
        }
        double beta = settings.getDouble("beta");
        return switch (settings.getString("force")) {
            case "kernel" -> new U1WilsonAction(beta, context);
            case "dsl" -> new U1DslAction(context, theta -> U1Loops.action(theta, beta, 0));
            default -> throw new IllegalStateException("validated: " + settings.getString("force"));
        };
    }
}
