package org.fthmc.dsl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trades compute for memory: a per-site value that a later stage reads is recomputed in that stage from what is
 * stored, instead of being kept in a buffer across stages. Only values that a stage can compute block by block are
 * recomputed (elementwise primitives and shifts of stored values); the operands of shifts and sums, the outputs and
 * globals stay stored. Recomputed values are bit-identical to stored ones.
 */
final class Recompute {
    private final Map<Node, Integer> level;
    private final java.util.Set<Node> mustStore = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<Node, Node> own = new IdentityHashMap<>();
    private final Map<Node, Map<Integer, Node>> clones = new IdentityHashMap<>();

    private Recompute(List<Node> outputs) {
        List<Node> order = Graphs.topologicalOrder(outputs);
        this.level = Graphs.levels(order);
        mustStore.addAll(outputs);
        for (Node n : order) {
            for (Node in : n.inputs()) {
                if (Graphs.readsOtherSites(n, in) || n instanceof Sum || n instanceof Max) {
                    mustStore.add(in);
                }
            }
        }
    }

    /** The outputs rebuilt so that recomputable values are computed where they are read. */
    static List<Node> rewrite(List<Node> outputs) {
        Recompute r = new Recompute(outputs);
        return outputs.stream().map(r::stored).toList();
    }

    private static boolean recomputable(Node n) {
        return !n.type().global() && !(n instanceof Input) && !(n instanceof FieldConstant)
                && !(n instanceof Sum) && !(n instanceof Broadcast);
    }

    /** n computed in its own stage (and stored there). */
    private Node stored(Node n) {
        Node done = own.get(n);
        if (done != null) {
            return done;
        }
        int s = level.get(n);
        List<Node> in = new ArrayList<>();
        for (Node i : n.inputs()) {
            // a shift reads other blocks and a sum reduces all of them: their operands must be stored
            in.add(n instanceof OffsetRead || n instanceof Sum ? stored(i) : at(i, s));
        }
        Node rebuilt = in.equals(n.inputs()) ? n : n.rebuild(in);
        own.put(n, rebuilt);
        return rebuilt;
    }

    /** n's value for a node of stage s: recomputed there if n belongs to an earlier stage and can be. */
    private Node at(Node n, int s) {
        // stored anyway (an output, or read by a shift or a sum): recomputing it would only add work and buffers
        if (!recomputable(n) || mustStore.contains(n) || level.get(n) >= s
                || n instanceof OffsetRead && level.get(n.inputs().getFirst()) > 0) {
            return stored(n);
        }
        Map<Integer, Node> byStage = clones.computeIfAbsent(n, k -> new HashMap<>());
        Node done = byStage.get(s);
        if (done != null) {
            return done;
        }
        List<Node> in = new ArrayList<>();
        for (Node i : n.inputs()) {
            in.add(n instanceof OffsetRead ? stored(i) : at(i, s));
        }
        Node clone = n.rebuild(in);
        byStage.put(s, clone);
        return clone;
    }
}
