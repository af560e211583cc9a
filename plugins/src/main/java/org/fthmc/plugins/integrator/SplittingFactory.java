package org.fthmc.plugins.integrator;

import java.util.ArrayList;
import java.util.List;
import org.fthmc.config.ConfigKey;
import org.fthmc.config.KeyType;
import org.fthmc.config.Settings;
import org.fthmc.hmc.SplittingIntegrator;
import org.fthmc.spi.Integrator;
import org.fthmc.spi.IntegratorFactory;
import org.fthmc.spi.RunContext;

/** Common part of the splitting-scheme integrators: the {@code first} key and building the scheme. */
abstract class SplittingFactory implements IntegratorFactory {
    @Override
    public List<ConfigKey> keys() {
        List<ConfigKey> keys = new ArrayList<>();
        keys.add(ConfigKey.oneOf("first", "which flow a step starts with: position or momentum", "position", "momentum"));
        keys.addAll(schemeKeys());
        return keys;
    }

    /** Keys of the scheme beyond {@code first}. */
    List<ConfigKey> schemeKeys() {
        return List.of();
    }

    /** The palindromic coefficients of one step (see {@link SplittingIntegrator}). */
    abstract double[] coefficients(Settings settings);

    abstract int order();

    @Override
    public Integrator create(Settings settings, RunContext context) {
        SplittingIntegrator.First first = switch (settings.getString("first")) {
            case "position" -> SplittingIntegrator.First.POSITION;
            case "momentum" -> SplittingIntegrator.First.MOMENTUM;
            default -> throw new IllegalStateException("validated: " + settings.getString("first"));
        };
        return new SplittingIntegrator(first, order(), coefficients(settings));
    }
}
