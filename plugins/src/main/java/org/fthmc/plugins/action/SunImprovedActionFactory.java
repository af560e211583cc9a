package org.fthmc.plugins.action;

import java.util.ArrayList;
import java.util.List;
import org.fthmc.config.ConfigKey;
import org.fthmc.config.KeyType;
import org.fthmc.config.Settings;
import org.fthmc.dsl.SunDslAction;
import org.fthmc.group.SUN;
import org.fthmc.measure.SunLoops;
import org.fthmc.spi.ActionFactory;
import org.fthmc.spi.GaugeAction;
import org.fthmc.spi.RunContext;

/**
 * Registers {@code action.type = sun-improved}: S = (β/N) Σ [c0 Σ_plaq Re tr(1 − P) + c1 Σ_rect Re tr(1 − R)],
 * c0 = 1 − 8 c1, with the presets of {@link RectangleCoefficient}; written in the DSL, force derived.
 */
public final class SunImprovedActionFactory implements ActionFactory {
    @Override
    public String name() {
        return "sun-improved";
    }

    @Override
    public String doc() {
        return "SU(N) plaquette + rectangle action (Wilson, Symanzik, Iwasaki, DBW2 presets); DSL-derived force";
    }

    @Override
    public List<ConfigKey> keys() {
        List<ConfigKey> keys = new ArrayList<>();
        keys.add(ConfigKey.positive("beta", KeyType.DOUBLE, "inverse coupling β"));
        keys.addAll(RectangleCoefficient.KEYS);
        return keys;
    }

    @Override
    public GaugeAction create(Settings settings, RunContext context) {
        if (!(context.group() instanceof SUN)) {
            throw settings.error("type", "sun-improved needs lattice.group = suN (su2, su3, ...), not " + context.group().name());
        }
        double beta = settings.getDouble("beta");
        double c1 = RectangleCoefficient.of(settings);
        return new SunDslAction(context, u -> SunLoops.improvedDensity(u, c1).sum().times(beta));
    }
}
