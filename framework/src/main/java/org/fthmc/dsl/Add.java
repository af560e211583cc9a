package org.fthmc.dsl;

import java.util.List;

/** a + b, of the same shape (a global operand is broadcast over the sites of a field operand). */
public final class Add extends Node {
    private final Node a;
    private final Node b;

    Add(Node a, Node b) {
        super(sameShape("plus", a, b));
        this.a = a;
        this.b = b;
    }

    @Override
    public List<Node> inputs() {
        return List.of(a, b);
    }

    @Override
    Node rebuild(List<Node> in) {
        return new Add(in.get(0), in.get(1));
    }

    @Override
    Node jvp(List<Node> t) {
        return Graphs.add(t.get(0), t.get(1));
    }

    @Override
    void transpose(Node c, Cotangents ct) {
        for (Node o : inputs()) {
            if (ct.isLinear(o)) {
                ct.add(o, c);
            }
        }
    }

    @Override
    public String toString() {
        return shallow("plus");
    }
}
