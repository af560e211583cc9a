package org.fthmc.plugins.integrator;

import java.util.List;
import org.fthmc.config.ConfigKey;
import org.fthmc.config.KeyType;
import org.fthmc.config.Settings;

/** Registers {@code integrator.type = omelyan}: Omelyan–Mryglod–Folk 2MN, coefficients (λ, ½, 1−2λ, ½, λ). */
public final class Omelyan2mnFactory extends SplittingFactory {
    @Override
    public String name() {
        return "omelyan";
    }

    @Override
    public String doc() {
        return "Omelyan 2MN (2nd order, 2 forces per step, small error constant)";
    }

    @Override
    List<ConfigKey> schemeKeys() {
        return List.of(ConfigKey.between("lambda", KeyType.DOUBLE, 0, 0.5, "the 2MN parameter λ"));
    }

    @Override
    double[] coefficients(Settings settings) {
        double lambda = settings.getDouble("lambda");
        return new double[] {lambda, 0.5, 1 - 2 * lambda, 0.5, lambda};
    }

    @Override
    int order() {
        return 2;
    }
}
