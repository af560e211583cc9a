package org.fthmc.transform;

import java.util.ArrayList;
import java.util.List;
import org.fthmc.ConfigError;
import org.fthmc.dsl.Autodiff;
import org.fthmc.dsl.BufferPool;
import org.fthmc.dsl.DeviceArray;
import org.fthmc.dsl.GraphExecutable;
import org.fthmc.dsl.Input;
import org.fthmc.dsl.Node;
import org.fthmc.dsl.Tape;
import org.fthmc.field.LinkField;
import org.fthmc.spi.Backend;
import org.fthmc.spi.FieldTransform;
import org.fthmc.spi.GaugeAction;
import org.fthmc.spi.PlanSized;
import org.fthmc.spi.RunContext;
import org.fthmc.spi.Weights;

/**
 * A field transformation F = F_K ∘ … ∘ F_1 made of DSL {@link TransformLayer}s, compiled once for the run's
 * lattice, layer by layer, with only layer boundaries kept between layers (docs/architecture.md: checkpoint only layer
 * boundaries of a transform chain):
 * <ul>
 *   <li>forward: W_0 = V, W_k = F_k(W_{k−1}) and the layer's ln|det| sum, one compiled graph per layer (and one
 *   without ln J, for {@link #map}, the force and the inverse); the boundaries W_0 … W_K stay (K + 1 link fields)
 *   for the force that follows;</li>
 *   <li>force of S_FT: a reverse sweep of cotangents. A cotangent G at W is a field whose pairing
 *   Σ {@link #linear}(G, W') varies, at W' = W, like the rest of the computation; the Euclidean gradient of that rest
 *   is one (for U(1) links the gradient in the angles, for SU(N) the matrix gradient). At U it comes from the force
 *   of S (so any action works, hand-written kernels included); layer k pulls it back to
 *   G_{k−1} = ∇_W [Σ linear(G_k, F_k(W)) − ln J_k(W)] at W = W_{k−1} ({@link #pullBack}); at W_0 = V the force of
 *   S_FT is the left derivative that G_0 defines ({@link #force(Node, Node)});</li>
 *   <li>inverse: each layer alone, iterating a group fixed point (x ← x − (f(x) − y) for angles, x ← x f(x)† y for
 *   matrices) until no link moves by more than the tolerance.</li>
 * </ul>
 * All these graphs run one after another on one {@link BufferPool}, so the memory the chain holds is what its widest
 * layer needs ({@link #forcePlanBytes()}), not the sum over layers ({@link ForceMatchingLoss} adds its graphs to the
 * same pool). The boundaries, the tape and the cotangents are arrays of the run's backend ({@link DeviceArray}): the
 * forward and reverse sweeps chain the layer graphs there, and what crosses to and from the host is V, the force,
 * ln J and, where the force of S is computed on the host, U and the cotangent at U (on an accelerator everything else
 * stays in device memory). Subclasses hold what depends on the group: how links enter the graphs, the pairing, the
 * force of a gradient, the cotangent of a force and the fixed-point step.
 *
 * <p>On a slab of a distributed lattice (host backends only) every layer graph computes owned values from its
 * inputs' halos, so the halos of each boundary W_k are exchanged after the layer that made it, those of each
 * cotangent before the pull-back that reads it, and those of the inverse's iterate before each step; there is no
 * tape (its records are valid only near the owned sites).
 */
public abstract class LayerChain implements FieldTransform, PlanSized {
    final RunContext context;
    final int d;
    private final Weights weights;
    private final List<TransformLayer> chain;
    private final double tolerance;
    private final int maxIterations;
    private final BufferPool pool = new BufferPool();
    /** The layers' compiled graphs and what each keeps between a forward sweep and its pull-back. */
    private final List<CompiledLayer> compiled = new ArrayList<>();
    /**
     * (V, G) → the force at V that the cotangent G defines, per direction; only the directions where it is not one of
     * its inputs ({@link #forceFromInput}; for U(1) the force is G itself, and there is no graph: null).
     */
    private final GraphExecutable forceOfCotangent;
    /** Per direction, the index in (V, G) of the input the force equals, or −1 where the graph computes it. */
    private final int[] forceFromInput;
    /** Bytes the layers' tapes hold together (0 where the chain recomputes instead of recording). */
    private final long tapeBytes;
    /**
     * The layer boundaries W_0 = V … W_K = U of the last forward sweep, per direction; where a layer leaves a
     * direction unchanged, the boundary after it holds the same array as the one before.
     */
    private final DeviceArray[][] boundaries;
    /** The weights as the graphs read them (brought up to date at every forward sweep), and their host values. */
    private final DeviceArray[] weightArrays;
    private final double[][] uploadedWeights;
    /** Two sets of cotangent fields, per direction: a pull-back reads one and writes the other. */
    private final DeviceArray[][] cotangents;
    /** The outputs of {@link #forceOfCotangent}. */
    private final DeviceArray[] forceFields;
    private boolean boundariesValid;
    /** V of the last forward sweep and U = F(V) on the host, per direction (U read on demand: {@link #mapped()}). */
    private final double[][] swept;
    private final double[][] mapped;
    private boolean mappedRead;
    /** The action whose gradient {@link #actionGradient} computes (W_K → the cotangent at U), compiled on first use. */
    private GaugeAction.ActionGraph gradientOf;
    private GraphExecutable actionGradient;
    private final double[][] scratch;
    private final double[][] hostCotangents;
    private final List<double[]> hostForce;
    /** Host copies of the boundaries, made when {@link #boundaries(LinkField)} is asked for them (training). */
    private double[][][] hostBoundaries;

    /**
     * Recorded values (all layers together) up to which a chain keeps a tape, making each pull-back skip the layer's
     * forward evaluation; beyond it the pull-backs recompute it (the SU(N) layers' values are far larger).
     */
    public static final long TAPE_BUDGET_BYTES = 64L << 20;

    LayerChain(RunContext context, List<TransformLayer> chain, Weights weights, double tolerance, int maxIterations,
               long tapeBudget) {
        this.context = context;
        this.d = context.lattice().dimensions();
        this.weights = weights;
        this.tolerance = tolerance;
        this.maxIterations = maxIterations;
        this.chain = List.copyOf(chain);
        if (context.lattice().haloDepth() > 0 && !context.backend().onHost()) {
            throw new IllegalArgumentException("a transform on a lattice split over processes needs a host backend (cpu or interpret)");
        }
        List<List<Input>> ws = new ArrayList<>();
        List<List<Input>> gs = new ArrayList<>();
        List<List<Node>> pulls = new ArrayList<>();
        List<Tape.Split> splits = new ArrayList<>();
        long tapeBytes = 0;
        for (TransformLayer layer : chain) {
            List<Input> w = linkInputs("W");
            List<Input> g = linkInputs("G");
            TransformLayer.Output out = layer.apply(new ArrayList<>(w));
            List<Node> primal = new ArrayList<>(out.links());
            primal.add(out.logDetDensity().sum());
            List<Node> pull = pullBack(out, w, g);
            Tape.Split split = Tape.split(primal, pull);
            tapeBytes += split.recordedBytes(context.lattice().volume());
            ws.add(w);
            gs.add(g);
            pulls.add(pull);
            splits.add(split);
        }
        boolean taped = tapeBytes <= tapeBudget && context.lattice().haloDepth() == 0;
        for (int k = 0; k < chain.size(); k++) {
            compiled.add(new CompiledLayer(splits.get(k), pulls.get(k), ws.get(k), gs.get(k), taped,
                    (outputs, inputs) -> compile(outputs, withWeights(inputs)), n -> allocate(size(n))));
        }
        this.tapeBytes = taped ? tapeBytes : 0;
        List<Input> v = linkInputs("V");
        List<Input> g = linkInputs("G");
        List<Node> force = new ArrayList<>();
        for (int mu = 0; mu < d; mu++) {
            force.add(force(v.get(mu), g.get(mu)));
        }
        List<Input> vg = concat(v, g);
        this.forceFromInput = force.stream().mapToInt(vg::indexOf).toArray();
        List<Node> computedForce = force.stream().filter(f -> !vg.contains(f)).toList();
        this.forceOfCotangent = computedForce.isEmpty() ? null : compile(computedForce, vg);
        int size = context.lattice().sites() * context.group().storage();
        this.boundaries = new DeviceArray[chain.size() + 1][d];
        for (int k = 0; k <= chain.size(); k++) {
            for (int mu = 0; mu < d; mu++) {
                boundaries[k][mu] = k > 0 && compiled.get(k - 1).unchanged(mu) ? boundaries[k - 1][mu] : allocate(size);
            }
        }
        this.cotangents = fields(2, size);
        this.weightArrays = weights.values().stream().map(a -> allocate(a.length)).toArray(DeviceArray[]::new);
        this.uploadedWeights = weights.values().stream().map(a -> new double[a.length]).toArray(double[][]::new);
        this.forceFields = computedForce.stream().map(f -> allocate(size(f))).toArray(DeviceArray[]::new);
        this.hostForce = force.stream().map(f -> new double[size(f)]).toList();
        this.swept = new double[d][size];
        this.mapped = new double[d][size];
        this.scratch = new double[d][size];
        this.hostCotangents = new double[d][size];
    }

    /** Fills the halo of a link field's direction on a slab (a host array there); nothing on a whole lattice. */
    private void exchangeHalo(DeviceArray field) {
        if (context.lattice().haloDepth() > 0) {
            context.lattice().exchangeHalo(((org.fthmc.dsl.HostArray) field).data(), context.group().storage());
        }
    }

    private DeviceArray allocate(int length) {
        return context.backend().allocate(length);
    }

    /** n link fields (one array per direction) of the backend. */
    private DeviceArray[][] fields(int n, int size) {
        DeviceArray[][] f = new DeviceArray[n][d];
        for (DeviceArray[] field : f) {
            java.util.Arrays.setAll(field, mu -> allocate(size));
        }
        return f;
    }

    /** Doubles a node's value takes on the lattice. */
    private int size(Node n) {
        return n.type().components() * (n.type().global() ? 1 : context.lattice().sites());
    }

    /** The groups of backend arrays, in order, as one list (a graph run's inputs or outputs). */
    private static List<DeviceArray> arrays(DeviceArray[]... groups) {
        List<DeviceArray> all = new ArrayList<>();
        for (DeviceArray[] g : groups) {
            all.addAll(List.of(g));
        }
        return all;
    }

    GraphExecutable compile(List<Node> outputs, List<Input> inputs) {
        return context.backend().compile(context, outputs, inputs, pool);
    }

    static List<Input> concat(List<Input> a, List<Input> b) {
        List<Input> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** The cotangent at the layer's input links w of the cotangent g at its output: ∇_w [Σ linear(g, F(w)) − ln J]. */
    List<Node> pullBack(TransformLayer layer, List<Input> w, List<Input> g) {
        return pullBack(layer.apply(new ArrayList<>(w)), w, g);
    }

    /** The pull-back built on a layer's output nodes out = the layer applied to w. */
    private List<Node> pullBack(TransformLayer.Output out, List<Input> w, List<Input> g) {
        Node phi = out.logDetDensity().sum().negate();
        for (int mu = 0; mu < d; mu++) {
            phi = phi.plus(linear(g.get(mu), out.links().get(mu)).sum());
        }
        return Autodiff.grad(phi, w);
    }

    /** The layers, first applied first. */
    List<TransformLayer> layers() {
        return chain;
    }

    /** One link input per direction, named prefix + μ. */
    abstract List<Input> linkInputs(String prefix);

    /** |F|² = Σ_a F_a² per site for a force field of one direction as {@link #force(Node, Node)} gives it. */
    abstract Node squaredNorm(Node force);

    /** The pairing of a cotangent c with links u: a per-site real, linear in u, whose variation is that of what follows u. */
    abstract Node linear(Node c, Node u);

    /** The force (left derivative, as an algebra field of one direction) that the cotangent g at the links u defines. */
    abstract Node force(Node u, Node g);

    /**
     * The cotangent fields (per direction, in {@code out}) of a force at the links (algebra components per link,
     * interleaved as {@link org.fthmc.spi.GaugeAction#addForce} writes them; the links per direction).
     */
    abstract void cotangents(double[] force, double[][] links, double[][] out);

    /** target += scale · (the force components) from the values of {@link #force(Node, Node)} graphs, per direction. */
    abstract void addComponents(List<double[]> force, double scale, double[] target);

    /**
     * One fixed-point step of the inverse on every owned link ({@link org.fthmc.lattice.Lattice#volume()} sites): x
     * moves towards f(x) = y; returns the largest move.
     */
    abstract double fixedPointStep(double[][] x, double[][] y, List<double[]> fx);

    List<Input> withWeights(List<Input> inputs) {
        List<Input> all = new ArrayList<>(inputs);
        all.addAll(weights.inputs());
        return all;
    }

    /** The arrays to bind: the fields' directions in order, then the weights. */
    double[][] values(double[][]... fields) {
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

    /**
     * Bytes of the buffers all the chain's compiled graphs share (the widest layer's forward, force or inverse) and
     * of the tape, when there is one.
     */
    @Override
    public long forcePlanBytes() {
        return pool.bytes() + tapeBytes;
    }

    @Override
    public double forward(LinkField v, LinkField u) {
        double logJacobian = sweep(v, true);
        join(List.of(mapped()), u);
        return logJacobian;
    }

    /** With the layer graphs that skip ln J, as the force needs (a taped chain's still record). */
    @Override
    public void map(LinkField v, LinkField u) {
        sweep(v, false);
        join(List.of(mapped()), u);
    }

    /** U = F(V) of the last forward sweep on the host (read from the backend once per sweep). */
    private double[][] mapped() {
        if (!mappedRead) {
            for (int mu = 0; mu < d; mu++) {
                boundaries[chain.size()][mu].read(mapped[mu]);
            }
            mappedRead = true;
        }
        return mapped;
    }

    @Override
    public double logJacobian(LinkField v) {
        return sweep(v, true);
    }

    /** Fills the layer boundaries W_0 = v … W_K = F(v); returns ln J when asked to compute it (else 0). */
    private double sweep(LinkField v, boolean withLogJacobian) {
        split(v, swept);
        for (int mu = 0; mu < d; mu++) {
            boundaries[0][mu].write(swept[mu]);
        }
        List<double[]> w = weights.values();
        for (int t = 0; t < weightArrays.length; t++) {
            if (!java.util.Arrays.equals(w.get(t), uploadedWeights[t])) { // hundreds of tensors: write only changes
                weightArrays[t].write(w.get(t));
                System.arraycopy(w.get(t), 0, uploadedWeights[t], 0, uploadedWeights[t].length);
            }
        }
        for (int k = 0; k < chain.size(); k++) {
            compiled.get(k).forward(boundaries[k], boundaries[k + 1], weightArrays, withLogJacobian);
            for (int mu = 0; mu < d; mu++) {
                if (!compiled.get(k).unchanged(mu)) {
                    exchangeHalo(boundaries[k + 1][mu]);
                }
            }
        }
        mappedRead = false;
        boundariesValid = true;
        if (!withLogJacobian) {
            return 0;
        }
        double logJacobian = 0;
        for (CompiledLayer layer : compiled) {
            logJacobian += layer.logJacobian();
        }
        return logJacobian; // each layer's graph summed over the whole lattice
    }

    /** The layer boundaries W_0 = v … W_K = F(v), copied to the host (valid until the next call). */
    double[][][] boundaries(LinkField v) {
        sweep(v, false);
        if (hostBoundaries == null) {
            hostBoundaries = new double[chain.size() + 1][d][swept[0].length];
        }
        for (int k = 0; k <= chain.size(); k++) {
            for (int mu = 0; mu < d; mu++) {
                boundaries[k][mu].read(hostBoundaries[k][mu]);
            }
        }
        return hostBoundaries;
    }

    /** The d arrays of {@code from} starting at {@code offset} into {@code to} (graph outputs into the chain's fields). */
    void copy(List<double[]> from, int offset, double[][] to) {
        for (int mu = 0; mu < d; mu++) {
            System.arraycopy(from.get(offset + mu), 0, to[mu], 0, to[mu].length);
        }
    }

    /**
     * g ← the cotangent at the input W_k of layer k, from g at its output (at the boundary W_k of the last forward
     * sweep: a taped pull-back reads that sweep's records).
     */
    void pullBack(int k, double[][] g) {
        for (int mu = 0; mu < d; mu++) {
            cotangents[0][mu].write(g[mu]);
        }
        pullBack(k, 0);
        for (int mu = 0; mu < d; mu++) {
            cotangents[1][mu].read(g[mu]);
        }
    }

    /** Pulls the cotangent in {@code cotangents[from]} back through layer k into the other set. */
    private void pullBack(int k, int from) {
        for (DeviceArray g : cotangents[from]) {
            exchangeHalo(g);
        }
        compiled.get(k).pullBack(boundaries[k], cotangents[from], cotangents[1 - from], weightArrays);
    }

    /**
     * The reverse sweep. The boundaries of the last {@link #forward} or {@link #map} are reused when v is the field
     * it mapped (u is F(v) under the current weights, as the contract says), else the forward sweep runs again.
     */
    @Override
    public void addPulledBackForce(LinkField v, LinkField u, double[] forceAtU, double scale, double[] target) {
        sweptFor(v);
        cotangents(forceAtU, mapped(), hostCotangents);
        for (int mu = 0; mu < d; mu++) {
            cotangents[0][mu].write(hostCotangents[mu]);
        }
        addForceOfCotangent(scale, target);
    }

    /**
     * On an accelerator: the cotangent at U is the gradient of the action's graph, computed there from the last
     * boundary, so only V and the force cross. On the CPU this declines: S's hand-written force kernels are faster
     * than its graph's gradient.
     */
    @Override
    public boolean addForce(LinkField v, GaugeAction.ActionGraph action, double scale, double[] target) {
        if (context.backend().onHost()) {
            return false;
        }
        if (action != gradientOf) {
            List<Input> w = linkInputs("W");
            actionGradient = compile(gradient(action, w), w);
            gradientOf = action;
        }
        sweptFor(v);
        actionGradient.run(List.of(boundaries[chain.size()]), List.of(cotangents[0]));
        addForceOfCotangent(scale, target);
        return true;
    }

    /** The Euclidean gradient of S at the links (the cotangent it defines there), per direction. */
    static List<Node> gradient(GaugeAction.ActionGraph action, List<Input> links) {
        java.util.Map<Input, Node> replacements = new java.util.HashMap<>();
        for (int mu = 0; mu < links.size(); mu++) {
            replacements.put(action.links().get(mu), links.get(mu));
        }
        return Autodiff.grad(Autodiff.substitute(List.of(action.action()), replacements).getFirst(), links);
    }

    /** Makes the boundaries those of v: kept when the last sweep mapped v, else swept again. */
    private void sweptFor(LinkField v) {
        split(v, scratch);
        if (!boundariesValid || !java.util.Arrays.deepEquals(scratch, swept)) {
            sweep(v, false);
        }
    }

    /** From the cotangent at U in the first cotangent set: the pull-backs to V, and target += scale · its force. */
    private void addForceOfCotangent(double scale, double[] target) {
        int at = 0;
        for (int k = chain.size() - 1; k >= 0; k--) {
            pullBack(k, at);
            at = 1 - at;
        }
        List<DeviceArray> in = arrays(boundaries[0], cotangents[at]);
        if (forceOfCotangent != null) {
            forceOfCotangent.run(in, List.of(forceFields));
        }
        int next = 0;
        for (int mu = 0; mu < d; mu++) {
            (forceFromInput[mu] >= 0 ? in.get(forceFromInput[mu]) : forceFields[next++]).read(hostForce.get(mu));
        }
        addComponents(hostForce, scale, target);
    }

    /** The fields' directions in order, as the arrays to bind (no weights). */
    static double[][] bind(double[][]... fields) {
        return java.util.Arrays.stream(fields).flatMap(java.util.Arrays::stream).toArray(double[][]::new);
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
                for (double[] field : x) {
                    context.lattice().exchangeHalo(field, context.group().storage());
                }
                change = context.communicator().max(fixedPointStep(x, y, compiled.get(l).links(x, values(x))));
            }
            for (int mu = 0; mu < d; mu++) {
                System.arraycopy(x[mu], 0, y[mu], 0, size);
            }
        }
        join(List.of(y), v);
    }

    /** The interleaved links (index site·D + μ) as one array per direction, a slab's halo included (filled first). */
    double[][] split(LinkField u, double[][] out) {
        u.exchangeHalos();
        double[] data = u.data();
        int s = context.group().storage();
        int volume = context.lattice().sites();
        for (int mu = 0; mu < d; mu++) {
            for (int x = 0; x < volume; x++) {
                System.arraycopy(data, (x * d + mu) * s, out[mu], x * s, s);
            }
        }
        return out;
    }

    /** The inverse of {@link #split} on the owned sites. */
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
