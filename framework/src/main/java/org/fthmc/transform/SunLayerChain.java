package org.fthmc.transform;

import java.util.ArrayList;
import java.util.List;
import org.fthmc.dsl.Autodiff;
import org.fthmc.dsl.Input;
import org.fthmc.dsl.Node;
import org.fthmc.dsl.Type;
import org.fthmc.group.SUN;
import org.fthmc.math.ComplexMatrices;
import org.fthmc.spi.RunContext;
import org.fthmc.spi.Weights;

/**
 * An SU(N) {@link LayerChain}: links enter as matrices (one matrix field per direction), paired with cotangents as
 * Re tr(G† U). The cotangent of a force F = Σ_b F_b T_b at U is G = 2 F U, so that Re tr(G† U) varies like the
 * action under U → e^{tX} U; a cotangent (any Euclidean gradient) defines the force −½ TA(U G†); the inverse steps x ← x f(x)† y (= e^{−F(x)} y for f(x) = e^{F(x)} x), with x
 * re-unitarised after each step.
 */
public final class SunLayerChain extends LayerChain {
    private final SUN group;

    public SunLayerChain(RunContext context, List<TransformLayer> chain, Weights weights, double tolerance, int maxIterations) {
        this(context, chain, weights, tolerance, maxIterations, TAPE_BUDGET_BYTES);
    }

    /** The same with a tape budget of its own (0: always recompute; see {@link LayerChain#TAPE_BUDGET_BYTES}). */
    public SunLayerChain(RunContext context, List<TransformLayer> chain, Weights weights, double tolerance, int maxIterations,
                         long tapeBudget) {
        super(checked(context), chain, weights, tolerance, maxIterations, tapeBudget);
        this.group = (SUN) context.group();
    }

    private static RunContext checked(RunContext context) {
        if (!(context.group() instanceof SUN)) {
            throw new IllegalArgumentException("SunLayerChain needs an SU(N) group, got " + context.group().name());
        }
        return context;
    }

    @Override
    List<Input> linkInputs(String prefix) {
        int n = ((SUN) context.group()).n();
        List<Input> in = new ArrayList<>();
        for (int mu = 0; mu < d; mu++) {
            in.add(Node.input(prefix + mu, Type.matrix(n, false)));
        }
        return in;
    }

    @Override
    Node linear(Node c, Node u) {
        return c.dagger().times(u).trace().re();
    }

    /** Σ_a F_a² = −2 tr(F F) for F = Σ_a F_a T_a. */
    @Override
    Node squaredNorm(Node force) {
        return force.times(force).trace().re().times(-2);
    }

    @Override
    Node force(Node u, Node g) {
        return Autodiff.leftDerivative(u, g);
    }

    @Override
    void cotangents(double[] force, double[][] links, double[][] out) {
        int n = group.n();
        int s = group.storage();
        int dim = group.algebraDimension();
        int volume = context.lattice().volume();
        context.loops().forRange(volume, (from, to) -> {
            double[] f = new double[s];
            for (int x = from; x < to; x++) {
                for (int mu = 0; mu < d; mu++) {
                    java.util.Arrays.fill(f, 0);
                    int base = (x * d + mu) * dim;
                    for (int b = 0; b < dim; b++) {
                        double[] t = group.generator(b);
                        for (int k = 0; k < s; k++) {
                            f[k] += 2 * force[base + b] * t[k];
                        }
                    }
                    ComplexMatrices.multiply(n, f, 0, false, links[mu], x * s, false, out[mu], x * s, false);
                }
            }
        });
    }

    @Override
    void addComponents(List<double[]> derivative, double scale, double[] target) {
        org.fthmc.gauge.SunDslAction.addComponents(context, derivative, scale, target);
    }

    @Override
    double fixedPointStep(double[][] x, double[][] y, List<double[]> fx) {
        int n = group.n();
        int s = group.storage();
        double change = 0;
        double[] t = new double[s];
        double[] next = new double[s];
        for (int mu = 0; mu < d; mu++) {
            double[] f = fx.get(mu);
            for (int site = 0; site < context.lattice().volume(); site++) {
                change = Math.max(change, group.distance(f, y[mu], site));
                ComplexMatrices.multiply(n, x[mu], site * s, false, f, site * s, true, t, 0, false);
                ComplexMatrices.multiply(n, t, 0, false, y[mu], site * s, false, next, 0, false);
                System.arraycopy(next, 0, x[mu], site * s, s);
            }
            // x x† drifts from 1 by rounding, and x ← x f(x)† y doubles the drift of the links a layer keeps
            group.normalise(x[mu], 0, context.lattice().volume());
        }
        return change;
    }
}
