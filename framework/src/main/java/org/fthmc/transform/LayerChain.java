package org.fthmc.transform;

import java.util.ArrayList;
import java.util.List;
import org.fthmc.config.ConfigError;
import org.fthmc.dsl.BufferPool;
import org.fthmc.dsl.CompiledGraph;
import org.fthmc.dsl.Node;
import org.fthmc.field.LinkField;
import org.fthmc.spi.FieldTransform;
import org.fthmc.spi.RunContext;

/**
 * A field transformation F = F_K ∘ … ∘ F_1 made of DSL {@link TransformLayer}s, compiled once for the run's
 * lattice, layer by layer, with only layer boundaries kept between layers (DESIGN.md: checkpoint only layer
 * boundaries of a transform chain):
 * <ul>
 *   <li>forward: W_0 = V, W_k = F_k(W_{k−1}) and the layer's ln|det| sum, one compiled graph per layer; the
 *   boundaries W_0 … W_K stay (K + 1 link fields) for the force that follows;</li>
 *   <li>force of S_FT: a reverse sweep; layer k's graph is the derivative, with respect to W_{k−1}, of
 *   Φ_k = Σ linear(C_k, F_k(W_{k−1})) − ln J_k, where the linear field with the cotangent C_k varies like the rest of
 *   the chain does (for the last layer: like S, from the force of S at U, so any action works, hand-written kernels
 *   included); its result, the force at W_{k−1}, gives the cotangent C_{k−1} of the layer before, and at W_0 it is
 *   the force of S_FT;</li>
 *   <li>inverse: each layer alone, iterating a group fixed point (x ← x − (f(x) − y) for angles, x ← x f(x)† y for
 *   matrices) until no link moves by more than the tolerance.</li>
 * </ul>
 * All these graphs run one after another on one {@link BufferPool}, so the memory the chain holds is what its widest
 * layer needs ({@link #forcePlanBytes()}), not the sum over layers. Subclasses hold what depends on the group: how
 * links enter the graphs, the cotangent, the derivative and the fixed-point step.
 */
public abstract class LayerChain implements FieldTransform {
    final RunContext context;
    final int d;
    private final Weights weights;
    private final List<TransformLayer> chain;
    private final double tolerance;
    private final int maxIterations;
    private final BufferPool pool = new BufferPool();
    /** Per layer: W → (F_k(W) per direction, Σ ln|det| of the layer). */
    private final List<CompiledGraph> layerMaps = new ArrayList<>();
    /** Per layer: W → F_k(W) per direction, for the inverse. */
    private final List<CompiledGraph> layerLinks = new ArrayList<>();
    /** Per layer: (W, C) → the force at W of Σ linear(C, F_k(W)) − ln J_k, per direction. */
    private final List<CompiledGraph> layerForces = new ArrayList<>();
    /** The layer boundaries W_0 = V … W_K = U of the last forward sweep, per direction. */
    private final double[][][] boundaries;
    private boolean boundariesValid;
    private final double[][] cotangents;
    private final double[][] scratch;
    private final double[] components;

    LayerChain(RunContext context, List<TransformLayer> chain, Weights weights, double tolerance, int maxIterations) {
        this.context = context;
        this.d = context.lattice().dimensions();
        this.weights = weights;
        this.tolerance = tolerance;
        this.maxIterations = maxIterations;
        this.chain = List.copyOf(chain);
        for (TransformLayer layer : chain) {
            List<Node.Input> w = linkInputs("W");
            List<Node.Input> c = linkInputs("C");
            TransformLayer.Output out = layer.apply(new ArrayList<>(w));
            Node logDet = out.logDetDensity().sum();
            List<Node> mapOutputs = new ArrayList<>(out.links());
            mapOutputs.add(logDet);
            layerMaps.add(compile(mapOutputs, withWeights(w)));
            layerLinks.add(compile(out.links(), withWeights(w)));
            Node phi = logDet.negate();
            for (int mu = 0; mu < d; mu++) {
                phi = phi.plus(linear(c.get(mu), out.links().get(mu)).sum());
            }
            List<Node.Input> forceInputs = new ArrayList<>(w);
            forceInputs.addAll(c);
            layerForces.add(compile(derivative(phi, w), withWeights(forceInputs)));
        }
        int size = context.lattice().volume() * context.group().storage();
        this.boundaries = new double[chain.size() + 1][d][size];
        this.cotangents = new double[d][size];
        this.scratch = new double[d][size];
        this.components = new double[context.lattice().links() * context.group().algebraDimension()];
    }

    private CompiledGraph compile(List<Node> outputs, List<Node.Input> inputs) {
        return CompiledGraph.compile(context.lattice(), context.loops(), outputs, inputs, pool);
    }

    /** U = F(V) and ln J as graphs of the links V (a node per direction). */
    public record Mapped(List<Node> links, Node logJacobian) {
    }

    /** F and ln J as graphs of the given link nodes, for objectives built on the map (training losses). */
    public Mapped map(List<Node> links) {
        List<Node> u = links;
        Node logDet = null;
        for (TransformLayer layer : chain) {
            TransformLayer.Output out = layer.apply(u);
            u = out.links();
            Node sum = out.logDetDensity().sum();
            logDet = logDet == null ? sum : logDet.plus(sum);
        }
        if (logDet == null) {
            logDet = Node.constant(0).plus(Node.fieldConstant("zero", new double[context.lattice().volume()]).sum());
        }
        return new Mapped(u, logDet);
    }

    /** One link input per direction, named prefix + μ. */
    abstract List<Node.Input> linkInputs(String prefix);

    /** |F|² = Σ_a F_a² per site for a force field of one direction as {@link #derivative} gives it. */
    abstract Node squaredNorm(Node force);

    /** The per-site real field linear in the links u whose variation, with the cotangent c, is that of what follows u. */
    abstract Node linear(Node c, Node u);

    /** The derivative of the global real f with respect to the link inputs (the force, per direction). */
    abstract List<Node> derivative(Node f, List<Node.Input> links);

    /**
     * The cotangent fields c_μ (per direction, in {@code out}) from a force at the links (algebra components per link,
     * interleaved as {@link org.fthmc.spi.GaugeAction#addForce} writes them; the links per direction).
     */
    abstract void cotangents(double[] force, double[][] links, double[][] out);

    /** target += scale · (the force components) from the derivative graphs' values, per direction. */
    abstract void addComponents(List<double[]> derivative, double scale, double[] target);

    /** One fixed-point step of the inverse on every link: x moves towards f(x) = y; returns the largest move. */
    abstract double fixedPointStep(double[][] x, double[][] y, List<double[]> fx);

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

    /** Bytes of the buffers all the chain's compiled graphs share: the widest layer's forward, force or inverse. */
    @Override
    public java.util.OptionalLong forcePlanBytes() {
        return java.util.OptionalLong.of(pool.bytes());
    }

    @Override
    public double forward(LinkField v, LinkField u) {
        double logJacobian = sweep(v);
        join(List.of(boundaries[chain.size()]), u);
        return logJacobian;
    }

    @Override
    public double logJacobian(LinkField v) {
        return sweep(v);
    }

    /** Fills the layer boundaries W_0 = v … W_K = F(v); returns ln J. */
    private double sweep(LinkField v) {
        split(v, boundaries[0]);
        double logJacobian = 0;
        for (int k = 0; k < chain.size(); k++) {
            List<double[]> out = layerMaps.get(k).run(values(boundaries[k]));
            for (int mu = 0; mu < d; mu++) {
                System.arraycopy(out.get(mu), 0, boundaries[k + 1][mu], 0, out.get(mu).length);
            }
            logJacobian += out.get(d)[0];
        }
        boundariesValid = true;
        return context.communicator().sum(logJacobian);
    }

    /**
     * The reverse sweep. The boundaries of the last {@link #forward} are reused when v is the field it mapped (u is
     * F(v) under the current weights, as the contract says), else the forward sweep runs again.
     */
    @Override
    public void addPulledBackForce(LinkField v, LinkField u, double[] forceAtU, double scale, double[] target) {
        int layers = chain.size();
        if (layers == 0) {
            for (int i = 0; i < target.length; i++) {
                target[i] += scale * forceAtU[i];
            }
            return;
        }
        split(v, scratch);
        if (!boundariesValid || !java.util.Arrays.deepEquals(scratch, boundaries[0])) {
            sweep(v);
        }
        cotangents(forceAtU, boundaries[layers], cotangents);
        for (int k = layers - 1; k >= 0; k--) {
            List<double[]> force = layerForces.get(k).run(values(boundaries[k], cotangents));
            if (k == 0) {
                addComponents(force, scale, target);
            } else {
                java.util.Arrays.fill(components, 0);
                addComponents(force, 1, components);
                cotangents(components, boundaries[k], cotangents);
            }
        }
    }

    @Override
    public void inverse(LinkField u, LinkField v) {
        int size = scratch[0].length;
        double[][] y = new double[d][size];
        double[][] x = new double[d][size];
        split(u, y);
        for (int l = chain.size() - 1; l >= 0; l--) {
            for (int mu = 0; mu < d; mu++) {
                System.arraycopy(y[mu], 0, x[mu], 0, size);
            }
            double change = Double.POSITIVE_INFINITY;
            for (int iteration = 0; !(change <= tolerance); iteration++) { // NaN does not converge either
                if (iteration == maxIterations) {
                    throw new ConfigError("transform: the inverse of layer " + l + " did not converge in " + maxIterations
                            + " iterations (last change " + "%.3g".formatted(change) + ", tolerance " + tolerance + ")");
                }
                change = fixedPointStep(x, y, layerLinks.get(l).run(values(x)));
            }
            for (int mu = 0; mu < d; mu++) {
                System.arraycopy(x[mu], 0, y[mu], 0, size);
            }
        }
        join(List.of(y), v);
    }

    /** The interleaved links (index site·D + μ) as one array per direction. */
    double[][] split(LinkField u, double[][] out) {
        double[] data = u.data();
        int s = context.group().storage();
        int volume = context.lattice().volume();
        for (int mu = 0; mu < d; mu++) {
            for (int x = 0; x < volume; x++) {
                System.arraycopy(data, (x * d + mu) * s, out[mu], x * s, s);
            }
        }
        return out;
    }

    /** The inverse of {@link #split}. */
    void join(List<double[]> perDirection, LinkField u) {
        double[] data = u.data();
        int s = context.group().storage();
        int volume = context.lattice().volume();
        for (int mu = 0; mu < d; mu++) {
            for (int x = 0; x < volume; x++) {
                System.arraycopy(perDirection.get(mu), x * s, data, (x * d + mu) * s, s);
            }
        }
    }
}
