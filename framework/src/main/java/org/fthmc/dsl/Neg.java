package org.fthmc.dsl;

import java.util.List;

/** −a. */
public final class Neg extends Node {
    private final Node a;

    Neg(Node a) {
        super(checked("negate", a).type());
        this.a = a;
    }

    @Override
    public List<Node> inputs() {
        return List.of(a);
    }

    @Override
    Node rebuild(List<Node> in) {
        return new Neg(in.get(0));
    }

    @Override
    Node jvp(List<Node> t) {
        return t.get(0) == null ? null : t.get(0).negate();
    }

    @Override
    void transpose(Node c, Cotangents ct) {
        ct.add(a, c.negate());
    }

    @Override
    public String toString() {
        return shallow("negate");
    }
}
