package org.fthmc.transform;

import java.util.ArrayList;
import java.util.List;
import org.fthmc.config.ConfigError;
import org.fthmc.dsl.CompiledGraph;
import org.fthmc.dsl.Node;
import org.fthmc.field.LinkField;
import org.fthmc.spi.FieldTransform;
import org.fthmc.spi.RunContext;

/**
 * A field transformation F = F_K ∘ … ∘ F_1 made of DSL {@link TransformLayer}s, compiled once for the run's
 * lattice: the whole map with ln J = Σ_layers Σ_x (the layer's ln|det| density); the force of S_FT as the derivative
 * of Φ(V) − ln J, where Φ is linear in U = F(V) with a cotangent input C chosen so that its variation at the current
 * field is that of S (a vector–Jacobian product, so any action works, hand-written kernels included); and each layer
 * alone, for the inverse, which iterates a group fixed point per layer (x ← x − (f(x) − y) for angles,
 * x ← x f(x)† y for matrices) until no link moves by more than the tolerance. Subclasses hold what depends on the
 * group: how links enter the graphs, the cotangent, the derivative and the fixed-point step.
 */
public abstract class LayerChain implements FieldTransform {
    final RunContext context;
    final int d;
    private final Weights weights;
    private final List<TransformLayer> chain;
    private final double tolerance;
    private final int maxIterations;
    private final CompiledGraph map;
    private final CompiledGraph force;
    private final List<CompiledGraph> layers = new ArrayList<>();
    private final double[][] links;
    private final double[][] cotangents;

    LayerChain(RunContext context, List<TransformLayer> chain, Weights weights, double tolerance, int maxIterations) {
        this.context = context;
        this.d = context.lattice().dimensions();
        this.weights = weights;
        this.tolerance = tolerance;
        this.maxIterations = maxIterations;
        this.chain = List.copyOf(chain);
        List<Node.Input> v = linkInputs("V");
        List<Node.Input> c = linkInputs("C");
        for (TransformLayer layer : chain) {
            List<Node.Input> in = linkInputs("W");
            layers.add(CompiledGraph.compile(context.lattice(), context.loops(), layer.apply(new ArrayList<>(in)).links(), withWeights(in)));
        }
        Mapped mapped = map(new ArrayList<>(v));
        List<Node> u = mapped.links();
        Node logDet = mapped.logJacobian();
        List<Node> mapOutputs = new ArrayList<>(u);
        mapOutputs.add(logDet);
        this.map = CompiledGraph.compile(context.lattice(), context.loops(), mapOutputs, withWeights(v));
        Node phi = logDet.negate();
        for (int mu = 0; mu < d; mu++) {
            phi = phi.plus(linear(c.get(mu), u.get(mu)).sum());
        }
        List<Node.Input> forceInputs = new ArrayList<>(v);
        forceInputs.addAll(c);
        this.force = CompiledGraph.compile(context.lattice(), context.loops(), derivative(phi, v), withWeights(forceInputs));
        int perSite = context.group().storage();
        this.links = new double[d][context.lattice().volume() * perSite];
        this.cotangents = new double[d][context.lattice().volume() * perSite];
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

    /** The per-site real field linear in the links u whose variation, with the cotangent c, is that of S. */
    abstract Node linear(Node c, Node u);

    /** The derivative of the global real f with respect to the link inputs (the force, per direction). */
    abstract List<Node> derivative(Node f, List<Node.Input> links);

    /** The cotangent fields c_μ (per direction, in {@code out}) from the force of S at U (algebra components per link). */
    abstract void cotangents(double[] forceAtU, LinkField u, double[][] out);

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

    @Override
    public java.util.OptionalLong forcePlanBytes() {
        return java.util.OptionalLong.of(force.peakBytes());
    }

    @Override
    public double forward(LinkField v, LinkField u) {
        List<double[]> out = map.run(values(split(v, links)));
        join(out, u);
        return context.communicator().sum(out.get(d)[0]);
    }

    @Override
    public double logJacobian(LinkField v) {
        return context.communicator().sum(map.run(values(split(v, links))).get(d)[0]);
    }

    @Override
    public void addPulledBackForce(LinkField v, LinkField u, double[] forceAtU, double scale, double[] target) {
        cotangents(forceAtU, u, cotangents);
        addComponents(force.run(values(split(v, links), cotangents)), scale, target);
    }

    @Override
    public void inverse(LinkField u, LinkField v) {
        int size = links[0].length;
        double[][] y = new double[d][size];
        double[][] x = new double[d][size];
        split(u, y);
        for (int l = layers.size() - 1; l >= 0; l--) {
            for (int mu = 0; mu < d; mu++) {
                System.arraycopy(y[mu], 0, x[mu], 0, size);
            }
            double change = Double.POSITIVE_INFINITY;
            for (int iteration = 0; !(change <= tolerance); iteration++) { // NaN does not converge either
                if (iteration == maxIterations) {
                    throw new ConfigError("transform: the inverse of layer " + l + " did not converge in " + maxIterations
                            + " iterations (last change " + "%.3g".formatted(change) + ", tolerance " + tolerance + ")");
                }
                change = fixedPointStep(x, y, layers.get(l).run(values(x)));
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
