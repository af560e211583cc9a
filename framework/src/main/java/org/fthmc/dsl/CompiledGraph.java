package org.fthmc.dsl;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.fthmc.dsl.Schedule.Memory;
import org.fthmc.lattice.Lattice;
import org.fthmc.parallel.SiteLoops;

/**
 * A DSL graph planned for a lattice and run on the CPU on flat {@code double[]} buffers.
 * <ul>
 *   <li>The graph is cut into steps by a {@link Schedule} (common sub-expressions merged, constants folded).</li>
 *   <li>Fusion: a field step runs as one parallel loop over blocks of sites, each block computing all of the
 *   step's nodes in order (so intermediate blocks stay in cache and a step costs one dispatch).</li>
 *   <li>Recompute instead of store ({@link Memory#RECOMPUTE}): values a later stage reads are recomputed there
 *   from stored ones (see {@link Recompute}), so fewer buffers live across stages.</li>
 *   <li>Folded daggers: in interpreted steps, a conjugate transpose whose every reader is a matrix product is not
 *   computed; the products read its operand transposed in place ({@link SiteKernels#matrixProduct}), bit-identical
 *   and one pass and one buffer fewer (staples and their adjoints are full of them).</li>
 *   <li>Memory: buffers are planned once at compile time by liveness: a node's buffer is released after its last
 *   use and reused by a later node, so the peak ({@link #peakBytes()}) is what the widest point of the graph needs,
 *   and repeated runs allocate nothing. Graphs that run one after another can share their buffers through a
 *   {@link BufferPool}.</li>
 * </ul>
 *
 * <p>Bind the inputs in the order given at compile time; the arrays returned by {@link #run} are the plan's own
 * buffers, valid until the next run. Use one instance from one thread at a time.
 *
 * <p>Each node is computed only where it is read and may be non-zero ({@link ComputedSites}): a masked layer's
 * staples, exponential and Jacobian on the sites of its parity, their adjoints likewise. On a block of a distributed
 * lattice ({@link Lattice#block}) fields hold every stored site, halo included; outputs are computed on the owned
 * sites, and every other value on the owned and halo sites where it is read, exactly as far as shifts reach.
 * Compiling checks that no input is read further away along a split direction than the halo is deep. Values near
 * the box's outer edge read clamped neighbours and are wrong, but no owned value depends on them. The caller fills
 * the inputs' halos, and field constants hold every stored site's value. Sums and maxima cover the whole lattice.
 */
public final class CompiledGraph implements GraphExecutable {
    private final Lattice lattice;
    private final SiteLoops loops;
    private final Schedule schedule;
    private final SiteKernels kernels;
    private final List<Input> inputs;
    private final List<Node> outputs;
    private final List<List<Node>> steps;
    private final Map<Node, Integer> slotOf = new IdentityHashMap<>();
    private final double[][] slots;
    private long peakBytes;
    /** Where each node, or each compiled step, computes (need and support of every value; see {@link ComputedSites}). */
    private final ComputedSites sites;
    /** Flops one run computes ({@link Flops}' convention). */
    private final double flopsPerRun;
    /** Flops of every graph run in this process, for benchmarks (see {@link #flopsRun()}). */
    private static final java.util.concurrent.atomic.DoubleAdder FLOPS_RUN = new java.util.concurrent.atomic.DoubleAdder();
    /** The compiled loop of each field step (by step index); empty when the graph is interpreted node by node. */
    private final Map<Integer, StepCompiler.CompiledStep> compiled = new HashMap<>();
    /** The sites each folded outer product would be computed on (see {@link #foldedOuters}). */
    private final Map<Node, java.util.BitSet> outerSites = new IdentityHashMap<>();
    /**
     * Nodes that get a buffer: every computed node of an interpreted step, the stored ones (read by other steps, or
     * outputs) of a compiled one.
     */
    private final java.util.function.Predicate<Node> buffered;
    /** Dagger nodes not computed, each to the operand its readers read transposed in place. */
    private final Map<Node, Node> foldedDaggers;
    /**
     * Sums of outer products whose outer product is not computed, each to that outer product: the sum accumulates
     * a ⊗ b site by site (a weight gradient of 48 × 48 components per site is never stored).
     */
    private final Map<Node, Node> foldedOuters;
    /** The order fields are stored in during a run (masks' sites together), null for the lattice's order. */
    private final SiteOrder siteOrder;
    /** Per output: a field the graph computes (not an input, not a constant) and output once, so it can be computed into the caller's array. */
    private final boolean[] computedOutput;
    /** With a site order: the buffers field inputs and outputs are copied to. */
    private final double[][] inputCopies;
    private final double[][] outputCopies;

    private CompiledGraph(Lattice lattice, SiteLoops loops, List<Node> outputs, List<Input> inputs, Memory memory,
                          BufferPool pool, StepCompiler compiler) {
        this.lattice = lattice;
        this.loops = loops;
        this.schedule = Schedule.of(lattice, outputs, inputs, memory);
        this.siteOrder = SiteOrder.of(schedule.steps(), lattice.sites());
        SiteTables tables = new SiteTables(lattice, siteOrder == null ? null : siteOrder.order());
        this.kernels = new SiteKernels(tables, schedule::constant);
        this.inputs = schedule.inputs();
        this.outputs = schedule.outputs();
        this.steps = schedule.steps();
        if (lattice.haloDepth() > 0) {
            checkHaloDepth(lattice, this.outputs);
        }
        java.util.Set<Node> interpreted = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        java.util.function.Predicate<Node> kept;
        if (compiler == null) {
            steps.forEach(step -> step.forEach(kernels::prepare));
            steps.stream().filter(step -> !Schedule.isGlobal(step)).forEach(interpreted::addAll);
            kept = n -> true;
        } else {
            java.util.Set<Node> stored = schedule.storedNodes();
            List<Integer> fieldSteps = new ArrayList<>();
            for (int s = 0; s < steps.size(); s++) {
                if (!Schedule.isGlobal(steps.get(s))) {
                    fieldSteps.add(s);
                }
            }
            List<StepCompiler.CompiledStep> loopsOf = compiler.compile(schedule, tables, fieldSteps.stream().map(steps::get).toList(), stored);
            for (int i = 0; i < fieldSteps.size(); i++) {
                if (loopsOf.get(i) != null) {
                    compiled.put(fieldSteps.get(i), loopsOf.get(i));
                } else {
                    for (Node n : steps.get(fieldSteps.get(i))) {
                        kernels.prepare(n);
                        interpreted.add(n);
                    }
                }
            }
            kept = n -> stored.contains(n) || interpreted.contains(n);
        }
        this.foldedDaggers = foldableDaggers(steps, interpreted, this.outputs);
        this.foldedOuters = foldableOuters(steps, interpreted, this.outputs);
        java.util.BitSet owned = new java.util.BitSet(lattice.sites());
        for (int x = 0; x < lattice.volume(); x++) {
            owned.set(siteOrder == null ? x : siteOrder.position(x));
        }
        this.sites = new ComputedSites(lattice.sites(), tables, owned, this::constantData, steps, this.outputs, interpreted, foldedDaggers);
        foldedOuters.values().forEach(o -> outerSites.put(o, sites.computes(o).toBitSet()));
        buffered = n -> kept.test(n) && !folded(n);
        List<Integer> planned = new ArrayList<>();
        this.peakBytes = plan(planned);
        double flops = 0;
        for (int s = 0; s < steps.size(); s++) {
            for (Node n : steps.get(s)) {
                int on = Schedule.isGlobal(steps.get(s)) ? (onSites(n) ? lattice.volume() : 1)
                        : interpreted.contains(n) ? (foldedDaggers.containsKey(n) ? 0 : sites.computes(n).size())
                        : sites.stepSites(s).size();
                // the executor's kernels skip a constant factor's zeros; a compiled step reads every entry
                boolean byKernels = Schedule.isGlobal(steps.get(s)) || interpreted.contains(n);
                flops += (byKernels ? Flops.perSite(n, schedule::constant) : Flops.perSite(n)) * on;
            }
        }
        this.flopsPerRun = flops;
        this.slots = new double[planned.size()][];
        Map<Integer, Integer> ofSize = new HashMap<>();
        for (int i = 0; i < slots.length; i++) {
            int length = planned.get(i);
            slots[i] = pool.buffer(length, ofSize.merge(length, 1, Integer::sum) - 1);
        }
        this.computedOutput = new boolean[this.outputs.size()];
        for (int i = 0; i < computedOutput.length; i++) {
            Node o = this.outputs.get(i);
            computedOutput[i] = !o.type().global() && !(o instanceof Input) && !(o instanceof FieldConstant)
                    && schedule.constant(o) == null && this.outputs.indexOf(o) == this.outputs.lastIndexOf(o);
        }
        // With a site order, field inputs are copied into it and outputs back, through buffers of the pool too.
        this.inputCopies = new double[this.inputs.size()][];
        this.outputCopies = new double[this.outputs.size()][];
        for (int i = 0; i < inputCopies.length && siteOrder != null; i++) {
            inputCopies[i] = copyBuffer(this.inputs.get(i), pool, ofSize);
        }
        for (int i = 0; i < outputCopies.length && siteOrder != null; i++) {
            outputCopies[i] = copyBuffer(this.outputs.get(i), pool, ofSize);
        }
    }

    /**
     * On a block: checks that every field input and field constant (which holds its halo's values too,
     * {@link Node#mask}) is read at most {@link Lattice#haloDepth()} sites away from the owned sites along every split
     * direction: per direction, the range of displacements (lowest and highest, entries 2μ and 2μ + 1) at which each
     * node's value is read relative to the owned sites, following each path from the outputs (needed on the owned
     * sites; displacements add up along a path; a sum or maximum needs its operand on the owned sites).
     */
    private static void checkHaloDepth(Lattice lattice, List<Node> outputs) {
        int d = lattice.dimensions();
        List<Node> order = Graphs.topologicalOrder(outputs);
        Map<Node, int[]> reach = new IdentityHashMap<>();
        for (Node o : outputs) {
            reach.put(o, new int[2 * d]);
        }
        for (int i = order.size() - 1; i >= 0; i--) {
            Node n = order.get(i);
            int[] range = reach.get(n);
            if (range == null) {
                continue;
            }
            for (Node in : n.inputs()) {
                if (in.type().global()) {
                    continue;
                }
                int[] known = reach.computeIfAbsent(in, k -> {
                    int[] empty = new int[2 * d];
                    for (int mu = 0; mu < d; mu++) {
                        empty[2 * mu] = Integer.MAX_VALUE;
                        empty[2 * mu + 1] = Integer.MIN_VALUE;
                    }
                    return empty;
                });
                for (int mu = 0; mu < d; mu++) {
                    // a sum or maximum reads its operand on the owned sites; a shift or convolution moves the reach
                    int lo = n.type().global() ? 0 : range[2 * mu];
                    int hi = n.type().global() ? 0 : range[2 * mu + 1];
                    if (n instanceof OffsetRead r) {
                        int[] delta = r.displacement();
                        int step = delta.length > mu ? delta[mu] : 0;
                        lo += step;
                        hi += step;
                    } else if (n instanceof Conv c && in == c.field()) {
                        int min = 0;
                        int max = 0;
                        for (int[] offset : c.offsets()) {
                            min = Math.min(min, offset[mu]);
                            max = Math.max(max, offset[mu]);
                        }
                        lo += min;
                        hi += max;
                    }
                    known[2 * mu] = Math.min(known[2 * mu], lo);
                    known[2 * mu + 1] = Math.max(known[2 * mu + 1], hi);
                }
            }
        }
        int t = d - 1;
        for (Map.Entry<Node, int[]> e : reach.entrySet()) {
            int[] range = e.getValue();
            boolean given = e.getKey() instanceof Input || e.getKey() instanceof FieldConstant;
            for (int mu = 0; mu < d && given; mu++) {
                int lo = range[2 * mu];
                int hi = range[2 * mu + 1];
                if (lattice.split(mu) && (lo < -lattice.haloDepth() || hi > lattice.haloDepth())) {
                    throw new DslException("compile: on the " + (lattice.isSlab() ? "slab " : "block ") + lattice + " " + e.getKey()
                            + " is read from " + lo + " to " + hi + (mu == t ? " time slices away" : " sites away along direction " + mu)
                            + ", deeper than the halo: it needs a halo of at least " + Math.max(-lo, hi) + " (lattice.halo)");
                }
            }
        }
    }

    /** The steps this graph runs (shared with the accelerator backends). */
    public Schedule schedule() {
        return schedule;
    }

    /** Parallel loops one run makes (fused stages and reductions), for tests and benchmarks. */
    public int stages() {
        return steps.size();
    }

    /** Nodes a run computes (constants and inputs not counted), for tests. */
    int computedNodes() {
        return steps.stream().mapToInt(List::size).sum();
    }

    /**
     * Plans the graph computing the outputs from the inputs on a lattice, storing intermediate values, interpreted
     * node by node (see {@link #compile(Lattice, SiteLoops, List, List, Memory, BufferPool, StepCompiler)} for
     * compiled steps).
     */
    public static CompiledGraph compile(Lattice lattice, SiteLoops loops, List<Node> outputs, List<Input> inputs) {
        return new CompiledGraph(lattice, loops, outputs, inputs, Memory.STORE, new BufferPool(), null);
    }

    /**
     * Plans the graph with everything chosen: the memory policy, the pool its buffers come from, and the compiler
     * of its fused field steps (null: interpret every node with the executor's per-primitive loops).
     */
    public static CompiledGraph compile(Lattice lattice, SiteLoops loops, List<Node> outputs, List<Input> inputs,
                                        Memory memory, BufferPool pool, StepCompiler compiler) {
        return new CompiledGraph(lattice, loops, outputs, inputs, memory, pool, compiler);
    }

    /** Plans the graph with the given memory policy ({@link Memory#RECOMPUTE} trades compute for peak memory). */
    public static CompiledGraph compile(Lattice lattice, SiteLoops loops, List<Node> outputs, List<Input> inputs,
                                        Memory memory) {
        return new CompiledGraph(lattice, loops, outputs, inputs, memory, new BufferPool(), null);
    }

    /**
     * Plans the graph on buffers of a shared pool: graphs on one pool must run one after another, and a graph's
     * outputs are valid only until the next graph on the pool runs.
     */
    public static CompiledGraph compile(Lattice lattice, SiteLoops loops, List<Node> outputs, List<Input> inputs,
                                        BufferPool pool) {
        return new CompiledGraph(lattice, loops, outputs, inputs, Memory.STORE, pool, null);
    }

    /**
     * The daggers of interpreted steps that need not be computed: not an output, and every reader a product or a
     * sum of two matrix fields in an interpreted step. Maps each to its operand.
     */
    private static Map<Node, Node> foldableDaggers(List<List<Node>> steps, java.util.Set<Node> interpreted,
                                                   List<Node> outputs) {
        Map<Node, List<Node>> readers = new IdentityHashMap<>();
        for (List<Node> step : steps) {
            for (Node n : step) {
                for (Node in : n.inputs()) {
                    readers.computeIfAbsent(in, k -> new ArrayList<>()).add(n);
                }
            }
        }
        Map<Node, Node> folded = new IdentityHashMap<>();
        for (Node n : interpreted) {
            if (n instanceof Dagger && outputs.stream().noneMatch(o -> o == n)
                    && readers.getOrDefault(n, List.of()).stream().allMatch(r -> interpreted.contains(r)
                            && (SiteKernels.isMatrixProduct(r) || SiteKernels.isMatrixSum(r)))) {
                folded.put(n, n.inputs().getFirst());
            }
        }
        return folded;
    }

    /**
     * The sums of outer products of interpreted steps whose outer product need not be computed: the outer product is
     * not an output, its only reader is the sum, and both its factors are fields. Maps each sum to its outer product.
     */
    private static Map<Node, Node> foldableOuters(List<List<Node>> steps, java.util.Set<Node> interpreted,
                                                  List<Node> outputs) {
        Map<Node, Integer> readers = new IdentityHashMap<>();
        for (List<Node> step : steps) {
            for (Node n : step) {
                for (Node in : n.inputs()) {
                    readers.merge(in, 1, Integer::sum);
                }
            }
        }
        Map<Node, Node> folded = new IdentityHashMap<>();
        for (List<Node> step : steps) {
            Node n = step.getFirst();
            if (n instanceof Sum && n.inputs().getFirst() instanceof Outer o && interpreted.contains(o)
                    && readers.get(o) == 1 && outputs.stream().noneMatch(out -> out == o)
                    && o.inputs().stream().noneMatch(in -> in.type().global())) {
                folded.put(n, o);
            }
        }
        return folded;
    }

    /** Whether a node of an interpreted step is not computed: a folded dagger or outer product. */
    private boolean folded(Node n) {
        return foldedDaggers.containsKey(n) || (n instanceof Outer && foldedOuters.containsValue(n));
    }

    /**
     * The values node n's kernel reads: its inputs, a folded dagger replaced by its operand; for the sum of a
     * folded outer product, the outer product's factors.
     */
    private List<Node> operands(Node n) {
        Node outer = foldedOuters.get(n);
        if (outer != null) {
            return outer.inputs();
        }
        return n.inputs().stream().map(in -> foldedDaggers.getOrDefault(in, in)).toList();
    }

    /** Whether a node is computed on every site: a field, or a reduction (sum, maximum) of fields. */
    private static boolean onSites(Node n) {
        return !n.type().global() || n.inputs().stream().anyMatch(in -> !in.type().global());
    }

    /** Flops one run computes: each node's count per site ({@link Flops}) times the sites it is computed on. */
    public double flops() {
        return flopsPerRun;
    }

    /**
     * Flops of all graph runs in this process so far ({@link #flops()} per run), so that a benchmark can report the
     * GFlop/s of whatever graphs a timed block ran (a transform's layers, say) from the difference.
     */
    public static double flopsRun() {
        return FLOPS_RUN.sum();
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
                if (!folded(n)) {
                    operands(n).forEach(in -> lastReader.put(in, n));
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
                for (Node in : operands(n)) {
                    if (Graphs.readsOtherSites(n, in)) {
                        shiftedHere.add(in);
                    }
                }
            }
            List<Node> deferred = new ArrayList<>();
            for (Node n : steps.get(s)) {
                if (buffered.test(n)) {
                    int wanted = size(n);
                    Integer slot = freeBySize.computeIfAbsent(wanted, k -> new ArrayDeque<>()).poll();
                    if (slot == null) {
                        planned.add(wanted);
                        bytes += 8L * wanted;
                        slot = planned.size() - 1;
                    }
                    slotOf.put(n, slot);
                }
                for (Node in : folded(n) ? List.<Node>of() : operands(n)) {
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
        return n.type().global() ? n.type().components() : lattice.sites() * n.type().components();
    }

    /** Runs the graph; returns the outputs' values (fields: one double per site; scalars: one double). */
    @Override
    public List<double[]> run(double[]... values) {
        return execute(values, new double[outputs.size()][]);
    }

    /**
     * Runs on {@link HostArray}s. A field output computed by the graph whose array is none of the inputs' and no
     * other output's is written straight into that array (its node computes there, or the copy out of the site order
     * goes there), so a layer's records reach its tape without a copy; the other outputs are copied as the default
     * does. The values are the same either way.
     */
    @Override
    public void run(List<? extends DeviceArray> inputArrays, List<? extends DeviceArray> outputArrays) {
        if (outputArrays.size() != outputs.size()) {
            throw new DslException("run: " + outputArrays.size() + " arrays for " + outputs.size() + " outputs");
        }
        double[][] values = HostArrays.data(inputArrays);
        double[][] targets = HostArrays.data(outputArrays);
        double[][] into = new double[outputs.size()][];
        boolean[] inPlace = new boolean[outputs.size()];
        for (int i = 0; i < into.length; i++) {
            inPlace[i] = writesInPlace(i, targets, values);
            into[i] = inPlace[i] ? targets[i] : null;
        }
        HostArrays.write(execute(values, into), inPlace, outputArrays);
    }

    /** Whether output i can be computed straight into the caller's array (see {@link #run(List, List)}). */
    private boolean writesInPlace(int i, double[][] targets, double[][] values) {
        double[] target = targets[i];
        if (!computedOutput[i] || target.length != size(outputs.get(i))) {
            return false;
        }
        for (double[] v : values) {
            if (v == target) {
                return false;
            }
        }
        for (int j = 0; j < targets.length; j++) {
            if (j != i && targets[j] == target) {
                return false;
            }
        }
        return true;
    }

    /** Runs the graph; output i goes into {@code into[i]} where that is not null (and is then the returned array). */
    private List<double[]> execute(double[][] values, double[][] into) {
        if (values.length != inputs.size()) {
            throw new DslException("run: " + values.length + " values for " + inputs.size() + " inputs " + inputs);
        }
        FLOPS_RUN.add(flopsPerRun);
        Map<Node, double[]> bound = new IdentityHashMap<>(inputs.size());
        for (int i = 0; i < values.length; i++) {
            Input x = inputs.get(i);
            int expected = size(x);
            if (values[i].length != expected) {
                throw new DslException("run: input " + x + " needs " + expected + " values, got " + values[i].length);
            }
            if (inputCopies[i] != null) {
                // an output of the last run given back as an input may be one of the copy buffers: read it first
                double[] given = isCopyBuffer(values[i]) ? values[i].clone() : values[i];
                double[] copy = inputCopies[i];
                int c = x.type().components();
                loops.forRange(siteOrder.size(), (from, to) -> siteOrder.toOrder(given, copy, c, from, to));
                bound.put(x, inputCopies[i]);
            } else {
                bound.put(x, values[i]);
            }
        }
        for (int i = 0; i < into.length && siteOrder == null; i++) {
            if (into[i] != null) {
                bound.put(outputs.get(i), into[i]);
            }
        }
        for (int s = 0; s < steps.size(); s++) {
            List<Node> step = steps.get(s);
            Node first = step.getFirst();
            StepCompiler.CompiledStep loop = compiled.get(s);
            if (first.type().global()) {
                evaluateScalar(first, bound);
            } else if (loop != null) {
                double[][] arrays = loop.arrays().stream().map(n -> value(n, bound)).toArray(double[][]::new);
                SiteRuns on = sites.stepSites(s);
                loops.forRange(lattice.sites(), (from, to) -> on.forEachRange(from, to, (lo, hi) -> loop.loop().run(lo, hi, arrays)));
            } else {
                List<Node> computed = step.stream().filter(n -> !folded(n)).toList();
                SiteKernel[] kernels = computed.stream().map(n -> kernel(n, bound)).toArray(SiteKernel[]::new);
                SiteRuns[] on = computed.stream().map(sites::computes).toArray(SiteRuns[]::new);
                SiteRuns[] zero = computed.stream().map(sites::zeroes).toArray(SiteRuns[]::new);
                SiteKernel[] zeroing = computed.stream().map(n -> sites.zeroes(n) == null ? null
                        : Kernels.zero(value(n, bound), n.type().components())).toArray(SiteKernel[]::new);
                loops.forRange(lattice.sites(), (from, to) -> {
                    // block by block on one thread too, so that a block's values stay in cache from node to node
                    for (int lo = from; lo < to; lo += SiteLoops.BLOCK) {
                        int hi = Math.min(to, lo + SiteLoops.BLOCK);
                        for (int k = 0; k < kernels.length; k++) {
                            on[k].forEach(lo, hi, kernels[k]);
                            if (zero[k] != null) {
                                zero[k].forEach(lo, hi, zeroing[k]);
                            }
                        }
                    }
                });
            }
        }
        List<double[]> result = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            Node o = outputs.get(i);
            if (outputCopies[i] != null) {
                double[] ordered = value(o, bound);
                double[] copy = into[i] != null ? into[i] : outputCopies[i];
                int c = o.type().components();
                loops.forRange(siteOrder.size(), (from, to) -> siteOrder.toLattice(ordered, copy, c, from, to));
                result.add(copy);
            } else {
                result.add(value(o, bound));
            }
        }
        return result;
    }

    /** A node's values in this run: bound (an input, or an output computed into the caller's array), else its slot. */
    private double[] value(Node n, Map<Node, double[]> bound) {
        if (n instanceof FieldConstant c) {
            return constantData(c);
        }
        double[] folded = schedule.constant(n);
        if (folded != null) {
            return folded;
        }
        double[] v = bound.get(n);
        return v != null ? v : slots[slotOf.get(n)];
    }

    private boolean isCopyBuffer(double[] a) {
        for (double[] c : inputCopies) {
            if (c == a) {
                return true;
            }
        }
        for (double[] c : outputCopies) {
            if (c == a) {
                return true;
            }
        }
        return false;
    }

    /** A buffer of the pool for a field's copy in or out of the site order (null for a global), counted in the peak. */
    private double[] copyBuffer(Node n, BufferPool pool, Map<Integer, Integer> ofSize) {
        if (n.type().global()) {
            return null;
        }
        int length = size(n);
        peakBytes += 8L * length;
        return pool.buffer(length, ofSize.merge(length, 1, Integer::sum) - 1);
    }

    /** A field constant's values in the order of the run. */
    private double[] constantData(FieldConstant c) {
        return siteOrder == null ? c.data() : siteOrder.data(c);
    }

    /** Adds one stored site's terms to the component sums of its block. */
    @FunctionalInterface
    private interface SiteTerms {
        void add(int site, double[] sum);
    }

    /**
     * The c component sums of per-site terms over the owned sites, into out: per block of sites, every component's sum
     * in site order (one pass over the block); the components' block sums then add in block order, as
     * SiteLoops.blockSums and Lattice.sumInOrder do, so the sum is the same on any thread count and on a slab.
     */
    private void sumOverSites(int c, double[] out, SiteTerms terms) {
        int volume = lattice.volume();
        double[][] blockSums = new double[c][Math.max(1, (volume + SiteLoops.BLOCK - 1) / SiteLoops.BLOCK)];
        loops.forRange(volume, (from, to) -> {
            double[] sum = new double[c];
            for (int lo = from; lo < to; lo += SiteLoops.BLOCK) {
                java.util.Arrays.fill(sum, 0);
                for (int x = lo, hi = Math.min(to, lo + SiteLoops.BLOCK); x < hi; x++) {
                    terms.add(at(x), sum);
                }
                for (int k = 0; k < c; k++) {
                    blockSums[k][lo / SiteLoops.BLOCK] = sum[k];
                }
            }
        });
        System.arraycopy(lattice.sumsInOrder(blockSums, 1), 0, out, 0, c);
    }

    /**
     * Σ_x a_x ⊗ b_x over the owned sites, without storing the outer products, adding as the sum of the stored outer
     * product would. The sites where the outer product is known to be zero are skipped: a sum started at +0.0 is
     * never −0.0, so adding a zero changes no bit.
     */
    private void sumOfOuter(Outer o, double[] out, Map<Node, double[]> bound) {
        double[] a = value(o.inputs().get(0), bound);
        double[] b = value(o.inputs().get(1), bound);
        int m = o.inputs().get(0).type().n();
        int p = o.inputs().get(1).type().n();
        java.util.BitSet computed = outerSites.get(o);
        sumOverSites(m * p, out, (site, sum) -> {
            if (computed.get(site)) {
                for (int i = 0; i < m; i++) {
                    double ai = a[site * m + i];
                    for (int j = 0; j < p; j++) {
                        sum[i * p + j] += ai * b[site * p + j];
                    }
                }
            }
        });
    }

    /** Where the lattice's stored site x is held during a run. */
    private int at(int x) {
        return siteOrder == null ? x : siteOrder.position(x);
    }

    /**
     * A global node: arithmetic of globals, or the sum or maximum of fields over the whole lattice (deterministic
     * parallel reductions: the maximum is exact, so any blocking gives the same value; on a slab, over the owned
     * sites of every process, the sum in the one-process order).
     */
    private void evaluateScalar(Node n, Map<Node, double[]> bound) {
        double[] out = slots[slotOf.get(n)];
        if (foldedOuters.containsKey(n)) {
            sumOfOuter((Outer) foldedOuters.get(n), out, bound);
        } else if (n instanceof Sum) {
            double[] a = value(n.inputs().getFirst(), bound);
            int c = n.type().components();
            sumOverSites(c, out, (site, sum) -> {
                for (int k = 0; k < c; k++) {
                    sum[k] += a[site * c + k];
                }
            });
        } else if (n instanceof Max) {
            double largest = Double.NEGATIVE_INFINITY;
            for (Node f : n.inputs()) {
                double[] a = value(f, bound);
                double[] blockMax = new double[(lattice.volume() + SiteLoops.BLOCK - 1) / SiteLoops.BLOCK];
                java.util.Arrays.fill(blockMax, Double.NEGATIVE_INFINITY);
                loops.forRange(lattice.volume(), (from, to) -> {
                    double m = Double.NEGATIVE_INFINITY;
                    for (int x = from; x < to; x++) {
                        m = Math.max(m, a[at(x)]);
                    }
                    blockMax[from / SiteLoops.BLOCK] = m;
                });
                for (double m : blockMax) {
                    largest = Math.max(largest, m);
                }
            }
            out[0] = lattice.communicator().max(largest);
        } else {
            kernel(n, bound).run(null, 0, 1);
        }
    }

    /** The loop computing node n on a range of sites (on [0, 1) for a global), with its operands resolved. */
    private SiteKernel kernel(Node n, Map<Node, double[]> bound) {
        double[][] operands = operands(n).stream().map(in -> value(in, bound)).toArray(double[][]::new);
        double[] out = value(n, bound);
        if (n.inputs().stream().anyMatch(foldedDaggers::containsKey)) {
            boolean daggerA = foldedDaggers.containsKey(n.inputs().get(0));
            boolean daggerB = foldedDaggers.containsKey(n.inputs().get(1));
            return n instanceof Mul mul ? kernels.matrixProduct(mul, out, operands[0], daggerA, operands[1], daggerB)
                    : Kernels.matrixSum(out, operands[0], daggerA, operands[1], daggerB, n.type().n());
        }
        return kernels.kernel(n, out, operands);
    }
}
