package org.fthmc.transform;

import java.util.ArrayList;
import java.util.List;
import org.fthmc.config.ConfigError;
import org.fthmc.dsl.Autodiff;
import org.fthmc.dsl.CompiledGraph;
import org.fthmc.dsl.Node;
import org.fthmc.dsl.U1DslAction;
import org.fthmc.field.LinkField;
import org.fthmc.group.U1;
import org.fthmc.spi.FieldTransform;
import org.fthmc.spi.RunContext;

/**
 * A U(1) field transformation F = F_K ∘ … ∘ F_1 made of DSL {@link TransformLayer}s. Compiled once for the run's
 * lattice: the whole map with ln J = Σ_layers Σ_x (layer's ln|det| density), the force of S_FT as the gradient of
 * Σ_μ Σ_x C_μ(x) θ'_μ(x) − ln J with respect to V (C the force of S at U: a vector–Jacobian product, so any action
 * works, hand-written kernels included), and each layer alone for the inverse. Weights are graph inputs read on
 * every evaluation.
 */
public final class U1LayerChain implements FieldTransform {
    private final RunContext context;
    private final Weights weights;
    private final double tolerance;
    private final int maxIterations;
    private final int d;
    private final CompiledGraph map;
    private final CompiledGraph force;
    private final List<CompiledGraph> layers = new ArrayList<>();
    private final double[][] angles;
    private final double[][] cotangents;

    /**
     * @param tolerance     the inverse stops when no link moves by more than this (max-norm, radians)
     * @param maxIterations the cap per layer, after which the inverse fails with a message
     */
    public U1LayerChain(RunContext context, List<TransformLayer> chain, Weights weights, double tolerance, int maxIterations) {
        if (context.group() != U1.INSTANCE) {
            throw new IllegalArgumentException("U1LayerChain needs the group u1, got " + context.group().name());
        }
        this.context = context;
        this.weights = weights;
        this.tolerance = tolerance;
        this.maxIterations = maxIterations;
        this.d = context.lattice().dimensions();
        List<Node.Input> theta = U1DslAction.angleInputs(d);
        List<Node.Input> c = new ArrayList<>();
        for (int mu = 0; mu < d; mu++) {
            c.add(Node.input("C" + mu, org.fthmc.dsl.Type.FIELD));
        }
        List<Node> links = new ArrayList<>(theta);
        Node logDet = null;
        for (TransformLayer layer : chain) {
            List<Node.Input> in = U1DslAction.angleInputs(d);
            TransformLayer.Output alone = layer.apply(new ArrayList<>(in));
            layers.add(CompiledGraph.compile(context.lattice(), context.loops(), alone.links(), withWeights(in)));
            TransformLayer.Output out = layer.apply(links);
            links = out.links();
            Node sum = out.logDetDensity().sum();
            logDet = logDet == null ? sum : logDet.plus(sum);
        }
        if (logDet == null) {
            logDet = theta.getFirst().times(0).sum();
        }
        List<Node> mapOutputs = new ArrayList<>(links);
        mapOutputs.add(logDet);
        this.map = CompiledGraph.compile(context.lattice(), context.loops(), mapOutputs, withWeights(theta));
        Node pulled = logDet.negate();
        for (int mu = 0; mu < d; mu++) {
            pulled = pulled.plus(c.get(mu).times(links.get(mu)).sum());
        }
        List<Node.Input> forceInputs = new ArrayList<>(theta);
        forceInputs.addAll(c);
        this.force = CompiledGraph.compile(context.lattice(), context.loops(), Autodiff.grad(pulled, theta), withWeights(forceInputs));
        this.angles = new double[d][context.lattice().volume()];
        this.cotangents = new double[d][context.lattice().volume()];
    }

    private List<Node.Input> withWeights(List<Node.Input> inputs) {
        List<Node.Input> all = new ArrayList<>(inputs);
        all.addAll(weights.inputs());
        return all;
    }

    private double[][] values(double[][]... fields) {
        List<double[]> all = new ArrayList<>();
        for (double[][] f : fields) {
            all.addAll(List.of(f));
        }
        all.addAll(weights.values());
        return all.toArray(double[][]::new);
    }

    @Override
    public Weights weights() {
        return weights;
    }

    @Override
    public double forward(LinkField v, LinkField u) {
        List<double[]> out = map.run(values(split(v, angles)));
        join(out, u);
        return context.communicator().sum(out.get(d)[0]);
    }

    @Override
    public double logJacobian(LinkField v) {
        return context.communicator().sum(map.run(values(split(v, angles))).get(d)[0]);
    }

    @Override
    public void addPulledBackForce(LinkField v, double[] forceAtU, double scale, double[] target) {
        int volume = context.lattice().volume();
        for (int mu = 0; mu < d; mu++) {
            for (int x = 0; x < volume; x++) {
                cotangents[mu][x] = forceAtU[x * d + mu];
            }
        }
        List<double[]> f = force.run(values(split(v, angles), cotangents));
        context.loops().forRange(volume, (from, to) -> {
            for (int mu = 0; mu < d; mu++) {
                double[] fm = f.get(mu);
                for (int x = from; x < to; x++) {
                    target[x * d + mu] += scale * fm[x];
                }
            }
        });
    }

    @Override
    public void inverse(LinkField u, LinkField v) {
        int volume = context.lattice().volume();
        double[][] y = new double[d][volume];
        double[][] x = new double[d][volume];
        split(u, y);
        for (int l = layers.size() - 1; l >= 0; l--) {
            for (int mu = 0; mu < d; mu++) {
                System.arraycopy(y[mu], 0, x[mu], 0, volume);
            }
            int iteration = 0;
            double change;
            do {
                if (++iteration > maxIterations) {
                    throw new ConfigError("transform: the inverse of layer " + l + " did not converge in " + maxIterations
                            + " iterations (last change " + "%.3g".formatted(lastChange(x, y, layers.get(l))) + ", tolerance " + tolerance + ")");
                }
                List<double[]> fx = layers.get(l).run(values(x));
                change = 0;
                for (int mu = 0; mu < d; mu++) {
                    double[] f = fx.get(mu);
                    for (int s = 0; s < volume; s++) {
                        double step = U1.wrap(y[mu][s] - f[s]);
                        x[mu][s] += step;
                        change = Math.max(change, Math.abs(step));
                    }
                }
            } while (change > tolerance);
            for (int mu = 0; mu < d; mu++) {
                System.arraycopy(x[mu], 0, y[mu], 0, volume);
            }
        }
        double[] data = v.data();
        for (int mu = 0; mu < d; mu++) {
            for (int s = 0; s < volume; s++) {
                data[s * d + mu] = y[mu][s];
            }
        }
    }

    private double lastChange(double[][] x, double[][] y, CompiledGraph layer) {
        List<double[]> fx = layer.run(values(x));
        double change = 0;
        for (int mu = 0; mu < d; mu++) {
            for (int s = 0; s < x[mu].length; s++) {
                change = Math.max(change, Math.abs(U1.wrap(y[mu][s] - fx.get(mu)[s])));
            }
        }
        return change;
    }

    private double[][] split(LinkField u, double[][] out) {
        double[] theta = u.data();
        int volume = context.lattice().volume();
        for (int mu = 0; mu < d; mu++) {
            for (int x = 0; x < volume; x++) {
                out[mu][x] = theta[x * d + mu];
            }
        }
        return out;
    }

    private void join(List<double[]> perDirection, LinkField u) {
        double[] data = u.data();
        int volume = context.lattice().volume();
        for (int mu = 0; mu < d; mu++) {
            double[] a = perDirection.get(mu);
            for (int x = 0; x < volume; x++) {
                data[x * d + mu] = a[x];
            }
        }
    }
}
