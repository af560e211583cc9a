package org.fthmc.plugins.action;

import java.util.List;
import org.fthmc.config.ConfigKey;
import org.fthmc.config.KeyType;
import org.fthmc.config.Settings;
import org.fthmc.dsl.U1DslAction;
import org.fthmc.group.U1;
import org.fthmc.spi.ActionFactory;
import org.fthmc.spi.GaugeAction;
import org.fthmc.spi.RunContext;

/**
 * Registers {@code action.type = u1-improved}: the U(1) plaquette + rectangle action written in the DSL, its force
 * derived automatically. c1 = −1/12 is tree-level Symanzik, −0.331 Iwasaki, −1.4088 DBW2 (the NTHMC value), 0 Wilson.
 */
public final class U1ImprovedActionFactory implements ActionFactory {
    @Override
    public String name() {
        return "u1-improved";
    }

    @Override
    public String doc() {
        return "U(1) plaquette + rectangle action β[c0 Σ(1 − cos P) + c1 Σ(1 − cos R)], c0 = 1 − 8 c1; DSL-derived force";
    }

    @Override
    public List<ConfigKey> keys() {
        return List.of(ConfigKey.positive("beta", KeyType.DOUBLE, "inverse coupling β"),
                ConfigKey.between("c1", KeyType.DOUBLE, -2, 0.125, "rectangle coefficient (Symanzik -1/12, Iwasaki -0.331, DBW2 -1.4088)"));
    }

    @Override
    public GaugeAction create(Settings settings, RunContext context) {
        if (context.group() != U1.INSTANCE) {
            throw settings.error("type", "u1-improved needs lattice.group = u1, not " + context.group().name());
        }
        double beta = settings.getDouble("beta");
        double c1 = settings.getDouble("c1");
        return new U1DslAction(context, theta -> U1Loops.action(theta, beta, c1));
    }
}
