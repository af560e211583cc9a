package org.fthmc.dsl;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.fthmc.lattice.Lattice;
import org.fthmc.parallel.SiteLoops;

/**
 * A DSL graph planned for a lattice and run on the CPU on flat {@code double[]} buffers.
 * <ul>
 *   <li>Common sub-expressions are merged first ({@link CommonSubexpressions}), so a value the graph builds twice
 *   (typically a primal value a derivative rule rebuilds) is computed once.</li>
 *   <li>Fusion: per-site nodes are grouped into stages; a stage runs as one parallel loop over blocks of sites,
 *   each block computing all of the stage's nodes in order (so intermediate blocks stay in cache and a stage costs
 *   one dispatch). A node needs a later stage only to shift a value computed in a stage (a shift reads other
 *   blocks) or to read a global reduction; see {@link #stage()}. Scalars of constants are folded once.</li>
 *   <li>Recompute instead of store ({@link Memory#RECOMPUTE}): values a later stage reads are recomputed there
 *   from stored ones (see {@link Recompute}), so fewer buffers live across stages.</li>
 *   <li>Memory: buffers are planned once at compile time by liveness: a node's buffer is released after its last
 *   use and reused by a later node, so the peak ({@link #peakBytes()}) is what the widest point of the graph needs,
 *   and repeated runs allocate nothing. Graphs that run one after another can share their buffers through a
 *   {@link BufferPool}.</li>
 * </ul>
 *
 * <p>Bind the inputs in the order given at compile time; the arrays returned by {@link #run} are the plan's own
 * buffers, valid until the next run. Use one instance from one thread at a time.
 */
public final class CompiledGraph {
    private final Lattice lattice;
    private final SiteLoops loops;
    private final List<Node.Input> inputs;
    private final List<Node> outputs;
    private final List<Node> order;
    private final Map<Node, Integer> slotOf = new IdentityHashMap<>();
    private final double[][] slots;
    private final Map<Long, int[]> shiftTables = new HashMap<>();
    private final Map<Node, int[][]> offsetTables = new IdentityHashMap<>();
    private int[] identity;
    private final long peakBytes;
    private final List<List<Node>> steps = new ArrayList<>();
    private final Map<Node, double[]> constants = new IdentityHashMap<>();

    /** Whether per-site values read by a later stage are kept in buffers or recomputed there. */
    public enum Memory { STORE, RECOMPUTE }

    private CompiledGraph(Lattice lattice, SiteLoops loops, List<Node> outputs, List<Node.Input> inputs, Memory memory,
                          BufferPool pool) {
        this.lattice = lattice;
        this.loops = loops;
        this.inputs = List.copyOf(inputs);
        List<Node> merged = CommonSubexpressions.merge(outputs);
        this.outputs = List.copyOf(memory == Memory.RECOMPUTE ? Recompute.rewrite(merged) : merged);
        this.order = Graphs.topologicalOrder(this.outputs);
        for (Node n : order) {
            if (n instanceof Node.Input x && !inputs.contains(x)) {
                throw new DslException("compile: the graph uses input " + x + ", which is not among the bound inputs " + inputs);
            }
            if (n instanceof Node.Shift s && s.mu() >= lattice.dimensions()) {
                throw new DslException("compile: " + n + " shifts along direction " + s.mu() + " of a "
                        + lattice.dimensions() + "-dimensional lattice");
            }
            if (n instanceof Node.FieldConstant c && c.data().length != lattice.volume() * c.type().components()) {
                throw new DslException("compile: field constant " + n + " has " + c.data().length + " values, a "
                        + c.type() + " on " + lattice.volume() + " sites needs " + lattice.volume() * c.type().components());
            }
        }
        for (Node n : order) {
            if (n instanceof Node.Constant c) {
                constants.put(c, c.value());
            }
            if (n instanceof Node.Shift sh) {
                shiftTable(sh.mu(), sh.k());
            }
            if (n instanceof Node.Conv conv) {
                offsetTables(conv);
            }
        }
        stage(memory);
        List<Integer> planned = new ArrayList<>();
        this.peakBytes = plan(planned);
        this.slots = new double[planned.size()][];
        Map<Integer, Integer> ofSize = new HashMap<>();
        for (int i = 0; i < slots.length; i++) {
            int length = planned.get(i);
            slots[i] = pool.buffer(length, ofSize.merge(length, 1, Integer::sum) - 1);
        }
    }

    /**
     * Cuts the computed nodes into steps. Scalars computed from constants alone are folded at compile time. Every
     * per-site node goes to the earliest stage its inputs allow: the stage of an elementwise input (the same block
     * computes both), one after the stage of a shifted input (a shift reads other blocks), one after the stage a
     * global scalar it reads was reduced from. A global node (a sum, scalar arithmetic) runs between stages, right
     * after the last stage it reads from.
     */
    private void stage(Memory memory) {
        Map<Node, Integer> level = Graphs.levels(order);
        if (memory == Memory.RECOMPUTE) {
            delayToConsumers(level);
        }
        int maxLevel = 0;
        for (Node n : order) {
            if (n.type().global() && !(n instanceof Node.Input) && !constants.containsKey(n)
                    && n.inputs().stream().allMatch(constants::containsKey)) {
                constants.put(n, fold(n));
            }
            maxLevel = Math.max(maxLevel, level.get(n));
        }
        List<List<Node>> fieldStages = new ArrayList<>();
        List<List<Node>> globalsAfter = new ArrayList<>();
        for (int i = 0; i <= maxLevel; i++) {
            fieldStages.add(new ArrayList<>());
            globalsAfter.add(new ArrayList<>());
        }
        for (Node n : order) {
            if (n instanceof Node.Input || n instanceof Node.FieldConstant || constants.containsKey(n)) {
                continue;
            }
            (n.type().global() ? globalsAfter : fieldStages).get(level.get(n)).add(n);
        }
        for (int i = 0; i <= maxLevel; i++) {
            if (!fieldStages.get(i).isEmpty()) {
                steps.add(fieldStages.get(i));
            }
            for (Node g : globalsAfter.get(i)) {
                steps.add(List.of(g));
            }
        }
    }

    /**
     * Moves per-site nodes as late as their consumers allow (the stage of an elementwise consumer, one before a
     * shift that reads them), so a value recomputed for a later stage is computed there, next to its use.
     * Nodes read by a global (a sum) and the outputs keep their earliest stage.
     */
    private void delayToConsumers(Map<Node, Integer> level) {
        Map<Node, List<Node>> consumers = new IdentityHashMap<>();
        for (Node n : order) {
            for (Node in : n.inputs()) {
                consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(n);
            }
        }
        for (int i = order.size() - 1; i >= 0; i--) {
            Node n = order.get(i);
            List<Node> readers = consumers.getOrDefault(n, List.of());
            if (n.type().global() || n instanceof Node.Input || n instanceof Node.FieldConstant || outputs.contains(n)
                    || readers.isEmpty() || readers.stream().anyMatch(c -> c.type().global())) {
                continue;
            }
            int late = Integer.MAX_VALUE;
            for (Node c : readers) {
                late = Math.min(late, level.get(c) - (c instanceof Node.Shift ? 1 : 0));
            }
            level.put(n, Math.max(level.get(n), late));
        }
    }

    /** The value of a global node whose inputs are all constants. */
    private double[] fold(Node n) {
        double[] out = new double[n.type().components()];
        double[][] operands = n.inputs().stream().map(constants::get).toArray(double[][]::new);
        kernel(n, out, operands).run(0, 1);
        return out;
    }

    /** Parallel loops one run makes (fused stages and reductions), for tests and benchmarks. */
    public int stages() {
        return steps.size();
    }

    /** Nodes a run computes (constants and inputs not counted), for tests. */
    int computedNodes() {
        return steps.stream().mapToInt(List::size).sum();
    }

    /** Plans the graph computing the outputs from the inputs on a lattice, storing intermediate values. */
    public static CompiledGraph compile(Lattice lattice, SiteLoops loops, List<Node> outputs, List<Node.Input> inputs) {
        return new CompiledGraph(lattice, loops, outputs, inputs, Memory.STORE, new BufferPool());
    }

    /** Plans the graph with the given memory policy ({@link Memory#RECOMPUTE} trades compute for peak memory). */
    public static CompiledGraph compile(Lattice lattice, SiteLoops loops, List<Node> outputs, List<Node.Input> inputs,
                                        Memory memory) {
        return new CompiledGraph(lattice, loops, outputs, inputs, memory, new BufferPool());
    }

    /**
     * Plans the graph on buffers of a shared pool: graphs on one pool must run one after another, and a graph's
     * outputs are valid only until the next graph on the pool runs.
     */
    public static CompiledGraph compile(Lattice lattice, SiteLoops loops, List<Node> outputs, List<Node.Input> inputs,
                                        BufferPool pool) {
        return new CompiledGraph(lattice, loops, outputs, inputs, Memory.STORE, pool);
    }

    /** Bytes of the intermediate and output buffers the plan holds (bound inputs not included). */
    public long peakBytes() {
        return peakBytes;
    }

    /**
     * Assigns every computed node a buffer (its length in {@code planned}), reusing released ones of the same size;
     * returns their total bytes.
     * Within a stage, blocks run in parallel but each block computes the stage's nodes in order, so a buffer whose
     * last readers are elementwise is reusable by the next node at once; a buffer that a shift of the stage reads
     * (from other blocks) becomes reusable only in a later stage.
     */
    private long plan(List<Integer> planned) {
        Map<Node, Node> lastReader = new IdentityHashMap<>();
        for (List<Node> step : steps) {
            for (Node n : step) {
                for (Node in : n.inputs()) {
                    lastReader.put(in, n);
                }
            }
        }
        for (Node o : outputs) {
            lastReader.remove(o); // outputs are never released
        }
        Map<Integer, Deque<Integer>> freeBySize = new HashMap<>();
        long bytes = 0;
        for (int s = 0; s < steps.size(); s++) {
            java.util.Set<Node> shiftedHere = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
            for (Node n : steps.get(s)) {
                for (Node in : n.inputs()) {
                    if (Graphs.readsOtherSites(n, in)) {
                        shiftedHere.add(in);
                    }
                }
            }
            List<Node> deferred = new ArrayList<>();
            for (Node n : steps.get(s)) {
                int wanted = size(n);
                Integer slot = freeBySize.computeIfAbsent(wanted, k -> new ArrayDeque<>()).poll();
                if (slot == null) {
                    planned.add(wanted);
                    bytes += 8L * wanted;
                    slot = planned.size() - 1;
                }
                slotOf.put(n, slot);
                for (Node in : n.inputs()) {
                    if (slotOf.containsKey(in) && lastReader.get(in) == n) {
                        lastReader.remove(in); // released once, even if n reads it twice
                        if (shiftedHere.contains(in)) {
                            deferred.add(in); // another block may still shift-read it in this stage
                        } else {
                            freeBySize.get(size(in)).push(slotOf.get(in));
                        }
                    }
                }
            }
            for (Node r : deferred) {
                freeBySize.get(size(r)).push(slotOf.get(r));
            }
        }
        return bytes;
    }

    /** Doubles a node's value takes. */
    private int size(Node n) {
        return n.type().global() ? n.type().components() : lattice.volume() * n.type().components();
    }

    /** Runs the graph; returns the outputs' values (fields: one double per site; scalars: one double). */
    public List<double[]> run(double[]... values) {
        if (values.length != inputs.size()) {
            throw new DslException("run: " + values.length + " values for " + inputs.size() + " inputs " + inputs);
        }
        Map<Node, double[]> bound = new IdentityHashMap<>();
        for (int i = 0; i < values.length; i++) {
            Node.Input x = inputs.get(i);
            int expected = size(x);
            if (values[i].length != expected) {
                throw new DslException("run: input " + x + " needs " + expected + " values, got " + values[i].length);
            }
            bound.put(x, values[i]);
        }
        for (List<Node> step : steps) {
            Node first = step.getFirst();
            if (first.type().global()) {
                evaluateScalar(first, bound);
            } else {
                SiteLoops.RangeBody[] kernels = new SiteLoops.RangeBody[step.size()];
                for (int i = 0; i < kernels.length; i++) {
                    kernels[i] = kernel(step.get(i), bound);
                }
                loops.forRange(lattice.volume(), (from, to) -> {
                    for (SiteLoops.RangeBody k : kernels) {
                        k.run(from, to);
                    }
                });
            }
        }
        List<double[]> result = new ArrayList<>();
        for (Node o : outputs) {
            result.add(value(o, bound));
        }
        return result;
    }

    private double[] value(Node n, Map<Node, double[]> bound) {
        if (n instanceof Node.FieldConstant c) {
            return c.data();
        }
        double[] folded = constants.get(n);
        if (folded != null) {
            return folded;
        }
        double[] v = bound.get(n);
        return v != null ? v : slots[slotOf.get(n)];
    }

    /**
     * A global node: arithmetic of globals, or the sum or maximum of fields (deterministic parallel reductions: the
     * maximum is exact, so any blocking gives the same value).
     */
    private void evaluateScalar(Node n, Map<Node, double[]> bound) {
        double[] out = slots[slotOf.get(n)];
        if (n instanceof Node.Sum) {
            double[] a = value(n.inputs().getFirst(), bound);
            int c = n.type().components();
            for (int k = 0; k < c; k++) {
                int component = k;
                out[k] = loops.sum(lattice.volume(), (from, to) -> {
                    double sum = 0;
                    for (int x = from; x < to; x++) {
                        sum += a[x * c + component];
                    }
                    return sum;
                });
            }
        } else if (n instanceof Node.Max) {
            double largest = Double.NEGATIVE_INFINITY;
            for (Node f : n.inputs()) {
                double[] a = value(f, bound);
                double[] blockMax = new double[(lattice.volume() + SiteLoops.BLOCK - 1) / SiteLoops.BLOCK];
                java.util.Arrays.fill(blockMax, Double.NEGATIVE_INFINITY);
                loops.forRange(lattice.volume(), (from, to) -> {
                    double m = Double.NEGATIVE_INFINITY;
                    for (int x = from; x < to; x++) {
                        m = Math.max(m, a[x]);
                    }
                    blockMax[from / SiteLoops.BLOCK] = m;
                });
                for (double m : blockMax) {
                    largest = Math.max(largest, m);
                }
            }
            out[0] = largest;
        } else {
            kernel(n, bound).run(0, 1);
        }
    }

    /** The loop computing node n on a range of sites (on [0, 1) for a global), with its operands resolved. */
    private SiteLoops.RangeBody kernel(Node n, Map<Node, double[]> bound) {
        double[][] operands = n.inputs().stream().map(in -> value(in, bound)).toArray(double[][]::new);
        return kernel(n, slots[slotOf.get(n)], operands);
    }

    private SiteLoops.RangeBody kernel(Node n, double[] out, double[][] in) {
        int c = n.type().components();
        return switch (n) {
            case Node.Add add -> Kernels.add(out, in[0], in[1], c);
            case Node.Neg neg -> Kernels.negate(out, in[0], c);
            case Node.Apply f -> Kernels.apply(out, in[0], f.fn(), c);
            case Node.Inverse inv -> Kernels.inverse(out, in[0], n.type().n());
            case Node.LogAbsDet l -> Kernels.logAbsDet(out, in[0], l.inputs().getFirst().type().n());
            case Node.Mul mul -> product(mul, out, in);
            case Node.Conj conj -> Kernels.conj(out, in[0], c);
            case Node.Dagger d -> Kernels.dagger(out, in[0], n.type().n());
            case Node.Trace t -> Kernels.trace(out, in[0], t.inputs().getFirst().type().n());
            case Node.Re r -> Kernels.pick(out, in[0], 2, 0, 1);
            case Node.Im i -> Kernels.pick(out, in[0], 2, 1, 1);
            case Node.Component v -> Kernels.pick(out, in[0], v.inputs().getFirst().type().n(), v.index(), 1);
            case Node.Element e -> {
                int m = e.inputs().getFirst().type().n();
                yield Kernels.pick(out, in[0], 2 * m * m, 2 * (e.row() * m + e.column()), 2);
            }
            case Node.RealDot d -> Kernels.dot(out, in[0], in[1], d.inputs().getFirst().type().components());
            case Node.Dense d -> dense(d, out, in, d.out(), d.inputs().get(1).type().n(), false);
            case Node.DenseT d -> dense(d, out, in, d.inputs().get(1).type().n(), d.in(), true);
            case Node.Outer o -> Kernels.outer(out, in[0], in[1], o.inputs().get(0).type().n(), o.inputs().get(1).type().n());
            case Node.Shift sh -> Kernels.shift(out, in[0], shiftTable(sh.mu(), sh.k()), c);
            case Node.Conv conv -> Kernels.conv(out, in[0], java.util.Arrays.copyOfRange(in, 1, in.length), offsetTables(conv),
                    conv.rows(), conv.cols(), conv.transposed());
            case Node.Broadcast b -> Kernels.broadcast(out, in[0], c);
            case Node.Sum sum -> throw new IllegalStateException("sums are reductions, run between stages");
            case Node.Max max -> throw new IllegalStateException("maxima are reductions, run between stages");
            case Node.AtMax at -> Kernels.atMax(out, in[0], in[1]);
            case Node.Constant k -> throw new IllegalStateException("constants are held apart, not evaluated");
            case Node.Input x -> throw new IllegalStateException("inputs are bound, not evaluated");
            case Node.FieldConstant k -> throw new IllegalStateException("field constants are not evaluated");
        };
    }

    /**
     * A dense layer (rows × cols weights, transposed for Wᵀ): global weights on a field of vectors, a network's case,
     * run as the convolution kernel with the single offset 0, its fastest loop.
     */
    private SiteLoops.RangeBody dense(Node n, double[] out, double[][] in, int rows, int cols, boolean transposed) {
        if (n.inputs().get(0).type().global() && !n.inputs().get(1).type().global()) {
            return Kernels.conv(out, in[1], new double[][] {in[0]}, new int[][] {identityTable()}, rows, cols, transposed);
        }
        return Kernels.dense(out, in[0], in[1], rows, cols, transposed);
    }

    /** table[x] = x. */
    private int[] identityTable() {
        if (identity == null) {
            identity = new int[lattice.volume()];
            for (int x = 0; x < identity.length; x++) {
                identity[x] = x;
            }
        }
        return identity;
    }

    /** The kernel of a product, by the kinds of its factors (see {@link Node.Mul}). */
    private static SiteLoops.RangeBody product(Node.Mul mul, double[] out, double[][] in) {
        Type ta = mul.inputs().get(0).type();
        Type tb = mul.inputs().get(1).type();
        int c = mul.type().components();
        Type.Kind ka = ta.kind();
        Type.Kind kb = tb.kind();
        if (ka == kb && (ka == Type.Kind.REAL || ka == Type.Kind.VECTOR)) {
            return Kernels.elementwise(out, in[0], in[1], c);
        }
        if (ka == Type.Kind.REAL) {
            return Kernels.scale(out, in[0], in[1], c);
        }
        if (kb == Type.Kind.REAL) {
            return Kernels.scale(out, in[1], in[0], c);
        }
        if (ka == Type.Kind.COMPLEX) {
            return Kernels.complexScale(out, in[0], in[1], c);
        }
        if (kb == Type.Kind.COMPLEX) {
            return Kernels.complexScale(out, in[1], in[0], c);
        }
        return Kernels.matmul(out, in[0], in[1], ta.n());
    }

    /** The site tables x → x + δ_o of a convolution's offsets (built at compile time). */
    private int[][] offsetTables(Node.Conv conv) {
        return offsetTables.computeIfAbsent(conv, c -> {
            int[][] offsets = conv.offsets();
            int[][] tables = new int[offsets.length][];
            for (int o = 0; o < offsets.length; o++) {
                if (offsets[o].length != lattice.dimensions()) {
                    throw new DslException("compile: " + conv + " has a " + offsets[o].length + "-dimensional offset on a "
                            + lattice.dimensions() + "-dimensional lattice");
                }
                int[] table = new int[lattice.volume()];
                for (int x = 0; x < table.length; x++) {
                    table[x] = x;
                }
                for (int mu = 0; mu < offsets[o].length; mu++) {
                    if (offsets[o][mu] != 0) {
                        int[] step = shiftTable(mu, offsets[o][mu]);
                        for (int x = 0; x < table.length; x++) {
                            table[x] = step[table[x]];
                        }
                    }
                }
                tables[o] = table;
            }
            return tables;
        });
    }

    /** table[x] = the site x + k μ̂; all tables are built at compile time, so runs only read the map. */
    private int[] shiftTable(int mu, int k) {
        return shiftTables.computeIfAbsent(((long) mu << 32) | (k & 0xFFFFFFFFL), key -> {
            int[] step = k >= 0 ? lattice.forwardTable(mu) : lattice.backwardTable(mu);
            int[] table = new int[lattice.volume()];
            for (int x = 0; x < table.length; x++) {
                int y = x;
                for (int i = 0; i < Math.abs(k); i++) {
                    y = step[y];
                }
                table[x] = y;
            }
            return table;
        });
    }
}
