package org.fthmc.dsl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Separates a derivative graph from the primal graph it was derived from (reverse mode keeps the primal values it
 * needs on a tape): the primal graph also outputs the values the derivative reads, and the derivative graph takes
 * them as inputs instead of recomputing the primal. A trade of memory (the recorded fields) for compute (one primal
 * evaluation less); the caller decides by {@link Split#recordedBytes}.
 */
public final class Tape {
    private Tape() {
    }

    /**
     * @param primal     the primal outputs, with sub-expressions merged as the derivative sees them
     * @param recorded   the primal values the derivative reads, to add to the primal graph's outputs
     * @param derivative the derivative outputs, reading {@code inputs} where they read a recorded value
     * @param inputs     one input per recorded value, in the same order
     */
    public record Split(List<Node> primal, List<Node> recorded, List<Node> derivative, List<Input> inputs) {
        /** Bytes the recorded values take on a lattice of the given volume. */
        public long recordedBytes(int volume) {
            long bytes = 0;
            for (Node n : recorded) {
                bytes += 8L * n.type().components() * (n.type().global() ? 1 : volume);
            }
            return bytes;
        }
    }

    /** Splits the derivative outputs (built on the nodes of the primal outputs) from the primal. */
    public static Split split(List<Node> primal, List<Node> derivative) {
        List<Node> all = new ArrayList<>(primal);
        all.addAll(derivative);
        List<Node> merged = CommonSubexpressions.merge(all);
        List<Node> p = merged.subList(0, primal.size());
        List<Node> d = merged.subList(primal.size(), merged.size());
        Set<Node> primalNodes = Collections.newSetFromMap(new IdentityHashMap<>());
        primalNodes.addAll(Graphs.topologicalOrder(p));
        Set<Node> read = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Node n : Graphs.topologicalOrder(d)) {
            if (!primalNodes.contains(n)) {
                for (Node in : n.inputs()) {
                    if (primalNodes.contains(in) && computed(in)) {
                        read.add(in);
                    }
                }
            }
        }
        for (Node o : d) {
            if (primalNodes.contains(o) && computed(o)) {
                read.add(o);
            }
        }
        List<Node> recorded = new ArrayList<>(read);
        recorded.sort(java.util.Comparator.comparingLong(Node::id));
        Map<Node, Node> replacements = Graphs.identityMap();
        List<Input> inputs = new ArrayList<>();
        for (Node r : recorded) {
            Input in = Node.input("tape" + inputs.size(), r.type());
            inputs.add(in);
            replacements.put(r, in);
        }
        return new Split(List.copyOf(p), recorded, Graphs.replace(d, replacements), inputs);
    }

    private static boolean computed(Node n) {
        return !(n instanceof Input) && !(n instanceof Constant) && !(n instanceof FieldConstant);
    }
}
