package org.fthmc.dsl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fthmc.lattice.Lattice;

/**
 * A DSL graph cut into the steps an executor runs, independent of where it runs (the CPU executor
 * {@link CompiledGraph} and the accelerator backends share it).
 * <ul>
 *   <li>Common sub-expressions are merged first ({@link CommonSubexpressions}); with {@link Memory#RECOMPUTE}
 *   values a later stage reads are recomputed there ({@link Recompute}).</li>
 *   <li>Every computed node belongs to one step. A field step is a list of per-site nodes that one fused loop over
 *   sites computes in order: a node in it reads other nodes of the step only at its own site, and reads a node of
 *   an earlier step (or an input) at its own site, through a shift or convolution at other sites, or as a global.
 *   A global step is a single global node (a reduction or scalar arithmetic) run between field steps.</li>
 *   <li>Scalars computed from constants alone are folded at compile time (see {@link #constant(Node)}).</li>
 * </ul>
 */
public final class Schedule {
    private final Lattice lattice;
    private final List<Input> inputs;
    private final List<Node> outputs;
    private final List<Node> order;
    private final Map<Node, double[]> constants = new IdentityHashMap<>();
    private final List<List<Node>> steps = new ArrayList<>();

    /** Whether per-site values read by a later stage are kept in buffers or recomputed there. */
    public enum Memory { STORE, RECOMPUTE }

    private Schedule(Lattice lattice, List<Node> outputs, List<Input> inputs, Memory memory) {
        this.lattice = lattice;
        this.inputs = List.copyOf(inputs);
        List<Node> merged = CommonSubexpressions.merge(outputs);
        this.outputs = List.copyOf(memory == Memory.RECOMPUTE ? Recompute.rewrite(merged) : merged);
        this.order = Graphs.topologicalOrder(this.outputs);
        for (Node n : order) {
            check(n);
            if (n instanceof Constant c) {
                constants.put(c, c.value());
            }
        }
        stage(memory);
    }

    /** Cuts the graph computing the outputs from the inputs into steps. */
    public static Schedule of(Lattice lattice, List<Node> outputs, List<Input> inputs, Memory memory) {
        return new Schedule(lattice, outputs, inputs, memory);
    }

    private void check(Node n) {
        if (n instanceof Input x && !inputs.contains(x)) {
            throw new DslException("compile: the graph uses input " + x + ", which is not among the bound inputs " + inputs);
        }
        if (n instanceof Shift s && s.mu() >= lattice.dimensions()) {
            throw new DslException("compile: " + n + " shifts along direction " + s.mu() + " of a "
                    + lattice.dimensions() + "-dimensional lattice");
        }
        if (n instanceof ShiftBy s && s.offset().length > lattice.dimensions()) {
            throw new DslException("compile: " + n + " shifts by a " + s.offset().length + "-dimensional offset on a "
                    + lattice.dimensions() + "-dimensional lattice");
        }
        if (n instanceof FieldConstant c && c.data().length != lattice.sites() * c.type().components()) {
            throw new DslException("compile: field constant " + n + " has " + c.data().length + " values, a "
                    + c.type() + " on " + lattice.sites() + " sites needs " + lattice.sites() * c.type().components());
        }
        if (n instanceof Conv conv) {
            for (int[] offset : conv.offsets()) {
                if (offset.length != lattice.dimensions()) {
                    throw new DslException("compile: " + conv + " has a " + offset.length + "-dimensional offset on a "
                            + lattice.dimensions() + "-dimensional lattice");
                }
            }
        }
    }

    /**
     * Every per-site node goes to the earliest stage its inputs allow: the stage of an elementwise input (the same
     * block computes both), one after the stage of a shifted input (a shift reads other blocks), one after the stage
     * a global scalar it reads was reduced from. A global node (a sum, scalar arithmetic) runs between stages, right
     * after the last stage it reads from.
     */
    private void stage(Memory memory) {
        Map<Node, Integer> level = Graphs.levels(order);
        if (memory == Memory.RECOMPUTE) {
            delayToConsumers(level);
        }
        SiteKernels folding = new SiteKernels(new SiteTables(lattice), constants::get);
        int maxLevel = 0;
        for (Node n : order) {
            if (n.type().global() && !(n instanceof Input) && !constants.containsKey(n)
                    && n.inputs().stream().allMatch(constants::containsKey)) {
                double[] out = new double[n.type().components()];
                folding.kernel(n, out, n.inputs().stream().map(constants::get).toArray(double[][]::new)).run(null, 0, 1);
                constants.put(n, out);
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
            if (n instanceof Input || n instanceof FieldConstant || constants.containsKey(n)) {
                continue;
            }
            (n.type().global() ? globalsAfter : fieldStages).get(level.get(n)).add(n);
        }
        for (int i = 0; i <= maxLevel; i++) {
            if (!fieldStages.get(i).isEmpty()) {
                steps.add(Collections.unmodifiableList(fieldStages.get(i)));
            }
            for (Node g : globalsAfter.get(i)) {
                steps.add(List.of(g));
            }
        }
    }

    /**
     * Moves per-site nodes as late as their consumers allow (the stage of an elementwise consumer, one before a
     * shift or convolution that reads them at other sites), so a value recomputed for a later stage is computed
     * there, next to its use.
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
            if (n.type().global() || n instanceof Input || n instanceof FieldConstant || outputs.contains(n)
                    || readers.isEmpty() || readers.stream().anyMatch(c -> c.type().global())) {
                continue;
            }
            int late = Integer.MAX_VALUE;
            for (Node c : readers) {
                late = Math.min(late, level.get(c) - (Graphs.readsOtherSites(c, n) ? 1 : 0));
            }
            level.put(n, Math.max(level.get(n), late));
        }
    }

    public Lattice lattice() {
        return lattice;
    }

    /** The bound inputs, in the order values are given. */
    public List<Input> inputs() {
        return inputs;
    }

    /** The outputs (after merging common sub-expressions), in the order results are returned. */
    public List<Node> outputs() {
        return outputs;
    }

    /** The steps in run order: a field step (per-site nodes fused in one loop) or a single global node. */
    public List<List<Node>> steps() {
        return Collections.unmodifiableList(steps);
    }

    /** The value of a constant or of a folded global (null for any other node); read only. */
    public double[] constant(Node n) {
        return constants.get(n);
    }

    /**
     * The computed nodes whose values must live in memory between steps: outputs, globals, and values read by
     * another step. Every other node is read only inside its own fused step, where a compiling backend keeps it in
     * registers.
     */
    public Set<Node> storedNodes() {
        Set<Node> stored = Collections.newSetFromMap(new IdentityHashMap<>());
        Map<Node, Integer> stepOf = new IdentityHashMap<>();
        for (int s = 0; s < steps.size(); s++) {
            for (Node n : steps.get(s)) {
                stepOf.put(n, s);
                if (n.type().global()) {
                    stored.add(n);
                }
            }
        }
        for (int s = 0; s < steps.size(); s++) {
            for (Node n : steps.get(s)) {
                for (Node in : n.inputs()) {
                    Integer from = stepOf.get(in);
                    if (from != null && from != s) {
                        stored.add(in);
                    }
                }
            }
        }
        outputs.stream().filter(stepOf::containsKey).forEach(stored::add);
        return stored;
    }

    /** Whether a step is a global one (one global node) rather than a fused field loop. */
    public static boolean isGlobal(List<Node> step) {
        return step.getFirst().type().global();
    }
}
