package org.fthmc.plugins.integrator;

import org.fthmc.config.Settings;

/** Registers {@code integrator.type = leapfrog}: the second-order Störmer–Verlet scheme. */
public final class LeapfrogFactory extends SplittingFactory {
    @Override
    public String name() {
        return "leapfrog";
    }

    @Override
    public String doc() {
        return "leapfrog (2nd order, 1 force per step)";
    }

    @Override
    double[] coefficients(Settings settings) {
        return new double[] {0.5, 1, 0.5};
    }

    @Override
    int order() {
        return 2;
    }
}
