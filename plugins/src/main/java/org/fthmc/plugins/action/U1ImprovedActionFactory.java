package org.fthmc.plugins.action;

import java.util.List;
import org.fthmc.config.ConfigKey;
import org.fthmc.config.KeyType;
import org.fthmc.config.Settings;
import org.fthmc.gauge.U1DslAction;
import org.fthmc.gauge.U1Loops;
import org.fthmc.group.U1;
import org.fthmc.hmc.SplitAction;
import org.fthmc.spi.ActionFactory;
import org.fthmc.spi.GaugeAction;
import org.fthmc.spi.RunContext;

/**
 * Registers {@code action.type = u1-improved}: the U(1) plaquette + rectangle action written in the DSL, its force
 * derived automatically; c1 from a preset or custom ({@link RectangleCoefficient}); terms {@code plaquette} and
 * {@code rectangle} for a nested integrator.
 */
public final class U1ImprovedActionFactory implements ActionFactory {
    @Override
    public String name() {
        return "u1-improved";
    }

    @Override
    public String doc() {
        return "U(1) plaquette + rectangle action β[c0 Σ(1 − cos P) + c1 Σ(1 − cos R)], c0 = 1 − 8 c1; terms plaquette, rectangle; DSL-derived force";
    }

    @Override
    public List<ConfigKey> keys() {
        List<ConfigKey> keys = new java.util.ArrayList<>();
        keys.add(ConfigKey.positive("beta", KeyType.DOUBLE, "inverse coupling β"));
        keys.addAll(RectangleCoefficient.KEYS);
        return keys;
    }

    @Override
    public GaugeAction create(Settings settings, RunContext context) {
        if (context.group() != U1.INSTANCE) {
            throw settings.error("type", "u1-improved needs lattice.group = u1, not " + context.group().name());
        }
        double beta = settings.getDouble("beta");
        double c1 = RectangleCoefficient.of(settings);
        double c0 = 1 - 8 * c1;
        return new SplitAction(new U1DslAction(context, theta -> U1Loops.action(theta, beta, c1)),
                List.of(SunLoopKernel.PLAQUETTE, SunLoopKernel.RECTANGLE), term -> new U1DslAction(context, theta -> term.equals(SunLoopKernel.PLAQUETTE)
                        ? U1Loops.plaquetteDensity(theta).sum().times(beta * c0) : U1Loops.rectangleDensity(theta).sum().times(beta * c1)));
    }
}
