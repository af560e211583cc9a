package org.fthmc.plugins.action;

import java.util.List;
import org.fthmc.config.ConfigKey;
import org.fthmc.config.KeyType;
import org.fthmc.config.Settings;
import org.fthmc.gauge.SunDslAction;
import org.fthmc.group.SUN;
import org.fthmc.gauge.SunLoops;
import org.fthmc.spi.ActionFactory;
import org.fthmc.spi.GaugeAction;
import org.fthmc.spi.RunContext;

/**
 * Registers {@code action.type = sun-wilson}: S = β Σ_{x, μ<ν} (1 − (1/N) Re tr P_μν), with the hand-written staple
 * force ({@code force = kernel}, the default) or the DSL-derived one ({@code force = dsl}).
 */
public final class SunWilsonActionFactory implements ActionFactory {
    @Override
    public String name() {
        return "sun-wilson";
    }

    @Override
    public String doc() {
        return "SU(N) Wilson plaquette action β Σ (1 − Re tr P / N), any dimension; staple kernel or DSL-derived force";
    }

    @Override
    public List<ConfigKey> keys() {
        return List.of(ConfigKey.positive("beta", KeyType.DOUBLE, "inverse coupling β"),
                ConfigKey.oneOf("force", "kernel (hand-written staples) or dsl (derived from the DSL graph of S)", "kernel", "dsl"));
    }

    @Override
    public GaugeAction create(Settings settings, RunContext context) {
        if (!(context.group() instanceof SUN)) {
            throw settings.error("type", "sun-wilson needs lattice.group = suN (su2, su3, ...), not " + context.group().name());
        }
        double beta = settings.getDouble("beta");
        return switch (settings.getString("force")) {
            case "kernel" -> SunLoopKernel.wilson(beta, context);
            case "dsl" -> new SunDslAction(context, u -> SunLoops.plaquetteDensity(u).sum().times(beta));
            default -> throw new IllegalStateException("validated: " + settings.getString("force"));
        };
    }
}
