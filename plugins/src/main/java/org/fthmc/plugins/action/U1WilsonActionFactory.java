package org.fthmc.plugins.action;

import java.util.List;
import org.fthmc.config.ConfigKey;
import org.fthmc.config.KeyType;
import org.fthmc.config.Settings;
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
        return "U(1) Wilson plaquette action β Σ (1 − cos θ_P), any dimension, hand-written force";
    }

    @Override
    public List<ConfigKey> keys() {
        return List.of(ConfigKey.positive("beta", KeyType.DOUBLE, "inverse coupling β"));
    }

    @Override
    public GaugeAction create(Settings settings, RunContext context) {
        if (context.group() != U1.INSTANCE) {
            throw settings.error("type", "u1-wilson needs lattice.group = u1, not " + context.group().name());
        }
        return new U1WilsonAction(settings.getDouble("beta"), context);
    }
}
