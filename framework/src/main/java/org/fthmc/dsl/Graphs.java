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

    /** The zero of a type, as a node. */
    static Node zero(Type type) {
        Node zero = Node.constant(type.withGlobal(true), new double[type.components()]);
        return type.global() ? zero : new Node.Broadcast(zero);
    }

    /** t brought to a type: a scalar tangent of a field node is broadcast. */
    static Node fit(Node t, Type type) {
        return t != null && t.type().global() && !type.global() ? new Node.Broadcast(t) : t;
    }

    static Node add(Node a, Node b) {
        return a == null ? b : b == null ? a : new Node.Add(a, b);
    }

    static Map<Node, Node> identityMap() {
        return new IdentityHashMap<>();
    }
}
