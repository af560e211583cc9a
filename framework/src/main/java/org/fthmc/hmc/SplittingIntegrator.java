package org.fthmc.hmc;

import java.util.ArrayList;
import java.util.List;
import org.fthmc.spi.Integrator;
import org.fthmc.spi.MolecularDynamics;

/**
 * A symmetric splitting scheme e^{ε(A+B)} ≈ e^{c₀εX} e^{c₁εY} … e^{c₀εX} that alternates the two flows, X being
 * the kick (momentum-first) or the drift (position-first). The coefficients of one step form a palindrome of odd
 * length, so the scheme is time-reversible; the last flow of a step and the first of the next are merged, so a
 * position-first Omelyan 2MN costs exactly 2 forces per step. Leapfrog, Omelyan 2MN and 4MN are instances.
 */
public final class SplittingIntegrator implements Integrator {
    /** Which flow a scheme starts (and ends) with. */
    public enum First { POSITION, MOMENTUM }

    private record Flow(boolean kick, double coefficient) {
    }

    private final First first;
    private final double[] coefficients;
    private final int order;

    public SplittingIntegrator(First first, int order, double... coefficients) {
        if (coefficients.length % 2 == 0) {
            throw new IllegalArgumentException("a symmetric scheme has an odd number of coefficients");
        }
        for (int i = 0; i < coefficients.length; i++) {
            if (coefficients[i] != coefficients[coefficients.length - 1 - i]) {
                throw new IllegalArgumentException("scheme coefficients must be a palindrome");
            }
        }
        double sumX = 0;
        double sumY = 0;
        for (int i = 0; i < coefficients.length; i++) {
            if (i % 2 == 0) {
                sumX += coefficients[i];
            } else {
                sumY += coefficients[i];
            }
        }
        if (Math.abs(sumX - 1) > 1e-14 || Math.abs(sumY - 1) > 1e-14) {
            throw new IllegalArgumentException("the coefficients of each flow must add up to 1 (consistency)");
        }
        this.first = first;
        this.order = order;
        this.coefficients = coefficients.clone();
    }

    private List<Flow> flows(double eps, int steps) {
        List<Flow> flows = new ArrayList<>();
        for (int s = 0; s < steps; s++) {
            for (int i = 0; i < coefficients.length; i++) {
                boolean kick = (i % 2 == 0) == (first == First.MOMENTUM);
                double c = coefficients[i] * eps;
                if (i == 0 && !flows.isEmpty()) {
                    Flow last = flows.removeLast();
                    flows.add(new Flow(kick, last.coefficient() + c));
                } else {
                    flows.add(new Flow(kick, c));
                }
            }
        }
        return flows;
    }

    @Override
    public void integrate(MolecularDynamics md, double tau, int steps) {
        for (Flow f : flows(tau / steps, steps)) {
            if (f.kick()) {
                md.kick(f.coefficient());
            } else {
                md.drift(f.coefficient());
            }
        }
    }

    @Override
    public int forceEvaluations(int steps) {
        return (int) flows(1.0 / steps, steps).stream().filter(Flow::kick).count();
    }

    @Override
    public int order() {
        return order;
    }
}
