package org.fthmc.dsl;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Graph traversal shared by the transformations and the executor. */
final class Graphs {
    private Graphs() {
    }

    /** Every node the outputs depend on, in an order where each node follows its inputs (creation order). */
    static List<Node> topologicalOrder(List<? extends Node> outputs) {
        Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Node> stack = new ArrayDeque<>(outputs);
        List<Node> nodes = new ArrayList<>();
        while (!stack.isEmpty()) {
            Node n = stack.pop();
            if (seen.add(n)) {
                nodes.add(n);
                n.inputs().forEach(stack::push);
            }
        }
        nodes.sort(Comparator.comparingLong(Node::id));
        return nodes;
    }

    /**
     * The graphs of the outputs with some nodes replaced by others (of the same type): every node downstream of a
     * replaced one is rebuilt on the new operands, the others are kept.
     */
    static List<Node> replace(List<Node> outputs, Map<Node, Node> replacements) {
        Map<Node, Node> map = identityMap();
        for (Node n : topologicalOrder(outputs)) {
            Node r = replacements.get(n);
            map.put(n, r != null ? r : onOperands(n, map));
        }
        return outputs.stream().map(map::get).toList();
    }

    /** n with its operands mapped (n itself when none changed). */
    static Node onOperands(Node n, Map<Node, Node> map) {
        List<Node> in = n.inputs().stream().map(map::get).toList();
        for (int i = 0; i < in.size(); i++) {
            if (in.get(i) != n.inputs().get(i)) {
                return n.rebuild(in);
            }
        }
        return n;
    }

    /** The zero of a type, as a node. */
    static Node zero(Type type) {
        Node zero = Node.constant(type.withGlobal(true), new double[type.components()]);
        return type.global() ? zero : new Broadcast(zero);
    }

    /** t brought to a type: a scalar tangent of a field node is broadcast. */
    static Node fit(Node t, Type type) {
        return t != null && t.type().global() && !type.global() ? new Broadcast(t) : t;
    }

    /** a + b (null for zero); two assemblies of the same type become one ({@link FromReals#merged}). */
    static Node add(Node a, Node b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        Node merged = FromReals.merged(a, b);
        return merged != null ? merged : new Add(a, b);
    }

    static Map<Node, Node> identityMap() {
        return new IdentityHashMap<>();
    }

    /** True for globals computed from constants alone (the executor folds them at compile time). */
    static boolean constantOnly(Node n, Set<Node> constantOnly) {
        return n instanceof Constant
                || n.type().global() && !(n instanceof Input) && n.inputs().stream().allMatch(constantOnly::contains);
    }

    /** Whether n reads its operand at other sites than its own (a shift, the field operand of a convolution). */
    static boolean readsOtherSites(Node n, Node operand) {
        return n instanceof OffsetRead || n instanceof Conv c && operand == c.field();
    }

    /**
     * The stage of every node in a topological order (see {@link CompiledGraph}): 0 for inputs and constants, and
     * for a per-site node the earliest stage its inputs allow — that of an elementwise input, one after a shifted
     * (or convolved) computed input or a global it reads; a global sits at the stage after which it can run.
     */
    static Map<Node, Integer> levels(List<Node> order) {
        Map<Node, Integer> level = new IdentityHashMap<>();
        Set<Node> constants = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Node n : order) {
            if (n instanceof Input || n instanceof FieldConstant || constantOnly(n, constants)) {
                if (!(n instanceof Input) && !(n instanceof FieldConstant)) {
                    constants.add(n);
                }
                level.put(n, 0);
                continue;
            }
            int l = n.type().global() ? 0 : 1;
            for (Node in : n.inputs()) {
                int li = level.get(in);
                boolean computedField = !in.type().global() && li > 0;
                if (n.type().global()) {
                    l = Math.max(l, li);
                } else if (in.type().global()) {
                    l = Math.max(l, li + 1);
                } else {
                    l = Math.max(l, readsOtherSites(n, in) && computedField ? li + 1 : li);
                }
            }
            level.put(n, l);
        }
        return level;
    }
}
