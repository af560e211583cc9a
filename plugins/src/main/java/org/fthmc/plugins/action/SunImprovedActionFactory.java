package org.fthmc.plugins.action;

import java.util.ArrayList;
import java.util.List;
import org.fthmc.config.ConfigKey;
import org.fthmc.config.KeyType;
import org.fthmc.config.Settings;
import org.fthmc.gauge.SunDslAction;
import org.fthmc.group.SUN;
import org.fthmc.hmc.SplitAction;
import org.fthmc.gauge.SunLoops;
import org.fthmc.spi.ActionFactory;
import org.fthmc.spi.GaugeAction;
import org.fthmc.spi.RunContext;

/**
 * Registers {@code action.type = sun-improved}: S = (β/N) Σ [c0 Σ_plaq Re tr(1 − P) + c1 Σ_rect Re tr(1 − R)],
 * c0 = 1 − 8 c1, with the presets of {@link RectangleCoefficient}: hand-written staple force ({@code force = kernel},
 * the default) or the DSL-derived one ({@code force = dsl}). Its terms {@code plaquette} and {@code rectangle} can
 * go on different levels of a nested integrator.
 */
public final class SunImprovedActionFactory implements ActionFactory {
    @Override
    public String name() {
        return "sun-improved";
    }

    @Override
    public String doc() {
        return "SU(N) plaquette + rectangle action (Wilson, Symanzik, Iwasaki, DBW2 presets); terms plaquette, rectangle; kernel or DSL force";
    }

    @Override
    public List<ConfigKey> keys() {
        List<ConfigKey> keys = new ArrayList<>();
        keys.add(ConfigKey.positive("beta", KeyType.DOUBLE, "inverse coupling β"));
        keys.addAll(RectangleCoefficient.KEYS);
        keys.add(ConfigKey.oneOf("force", "kernel (hand-written staples) or dsl (derived from the DSL graph of S)", "kernel", "dsl"));
        return keys;
    }

    @Override
    public GaugeAction create(Settings settings, RunContext context) {
        if (!(context.group() instanceof SUN)) {
            throw settings.error("type", "sun-improved needs lattice.group = suN (su2, su3, ...), not " + context.group().name());
        }
        double beta = settings.getDouble("beta");
        double c1 = RectangleCoefficient.of(settings);
        double c0 = 1 - 8 * c1;
        return switch (settings.getString("force")) {
            case "kernel" -> SunLoopKernel.improved(beta, c1, context);
            case "dsl" -> new SplitAction(new SunDslAction(context, u -> SunLoops.improvedDensity(u, c1).sum().times(beta)),
                    List.of(SunLoopKernel.PLAQUETTE, SunLoopKernel.RECTANGLE), term -> new SunDslAction(context, u -> term.equals(SunLoopKernel.PLAQUETTE)
                            ? SunLoops.plaquetteDensity(u).sum().times(beta * c0) : SunLoops.rectangleDensity(u).sum().times(beta * c1)));
            default -> throw new IllegalStateException("validated: " + settings.getString("force"));
        };
    }
}
