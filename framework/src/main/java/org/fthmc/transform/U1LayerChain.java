package org.fthmc.transform;

import java.util.ArrayList;
import java.util.List;
import org.fthmc.dsl.Input;
import org.fthmc.dsl.Node;
import org.fthmc.dsl.Type;
import org.fthmc.group.U1;
import org.fthmc.spi.RunContext;
import org.fthmc.spi.Weights;

/**
 * A U(1) {@link LayerChain}: links enter as their angles θ_μ (one real field per direction); the cotangent is the
 * force of S itself (∂S/∂θ), the gradient in the angles is the force, and the inverse steps x ← x + wrap(y − f(x)).
 */
public final class U1LayerChain extends LayerChain {
    /**
     * @param tolerance     the inverse stops when no link moves by more than this (radians)
     * @param maxIterations the cap per layer, after which the inverse fails with a message
     */
    public U1LayerChain(RunContext context, List<TransformLayer> chain, Weights weights, double tolerance, int maxIterations) {
        this(context, chain, weights, tolerance, maxIterations, TAPE_BUDGET_BYTES);
    }

    /** The same with a tape budget of its own (0: always recompute; see {@link LayerChain#TAPE_BUDGET_BYTES}). */
    public U1LayerChain(RunContext context, List<TransformLayer> chain, Weights weights, double tolerance, int maxIterations,
                        long tapeBudget) {
        super(checked(context), chain, weights, tolerance, maxIterations, tapeBudget);
    }

    private static RunContext checked(RunContext context) {
        if (context.group() != U1.INSTANCE) {
            throw new IllegalArgumentException("U1LayerChain needs the group u1, got " + context.group().name());
        }
        return context;
    }

    @Override
    List<Input> linkInputs(String prefix) {
        List<Input> in = new ArrayList<>();
        for (int mu = 0; mu < d; mu++) {
            in.add(Node.input(prefix + mu, Type.FIELD));
        }
        return in;
    }

    @Override
    Node linear(Node c, Node u) {
        return c.times(u);
    }

    @Override
    Node squaredNorm(Node force) {
        return force.square();
    }

    /** The gradient in the angles is the force. */
    @Override
    Node force(Node u, Node g) {
        return g;
    }

    @Override
    void cotangents(double[] force, double[][] links, double[][] out) {
        int volume = context.lattice().volume();
        for (int mu = 0; mu < d; mu++) {
            for (int x = 0; x < volume; x++) {
                out[mu][x] = force[x * d + mu];
            }
        }
    }

    @Override
    void addComponents(List<double[]> derivative, double scale, double[] target) {
        context.loops().forRange(context.lattice().volume(), (from, to) -> {
            for (int mu = 0; mu < d; mu++) {
                double[] f = derivative.get(mu);
                for (int x = from; x < to; x++) {
                    target[x * d + mu] += scale * f[x];
                }
            }
        });
    }

    @Override
    double fixedPointStep(double[][] x, double[][] y, List<double[]> fx) {
        double change = 0;
        for (int mu = 0; mu < d; mu++) {
            double[] f = fx.get(mu);
            for (int s = 0; s < context.lattice().volume(); s++) {
                double step = U1.wrap(y[mu][s] - f[s]);
                x[mu][s] += step;
                change = Math.max(change, Math.abs(step));
            }
        }
        return change;
    }
}
