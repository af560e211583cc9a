package org.fthmc.plugins.integrator;

import org.fthmc.config.Settings;

/**
 * Registers {@code integrator.type = omelyan4}: the fourth-order Omelyan–Mryglod–Folk scheme 4MN5FV
 * (Comput. Phys. Commun. 146 (2002) 188, eq. 71; also known as PEFRL): 4 forces per step.
 */
public final class Omelyan4mnFactory extends SplittingFactory {
    private static final double XI = 0.1786178958448091;
    private static final double LAMBDA = -0.2123418310626054;
    private static final double CHI = -0.6626458266981849e-1;

    @Override
    public String name() {
        return "omelyan4";
    }

    @Override
    public String doc() {
        return "Omelyan 4MN5FV (4th order, 4 forces per step)";
    }

    @Override
    double[] coefficients(Settings settings) {
        double outer = (1 - 2 * LAMBDA) / 2;
        double middle = 1 - 2 * (CHI + XI);
        return new double[] {XI, outer, CHI, LAMBDA, middle, LAMBDA, CHI, outer, XI};
    }

    @Override
    int order() {
        return 4;
    }
}
