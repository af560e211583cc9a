package org.fthmc.dsl;

import java.util.List;

/** Σ_x a(x): a global scalar. */
public final class Sum extends Node {
    private final Node a;

    Sum(Node a) {
        super(checked("sum", a).type().withGlobal(true));
        if (a.type().global()) {
            throw new DslException("sum() of " + a + ": already a global scalar");
        }
        this.a = a;
    }

    @Override
    public List<Node> inputs() {
        return List.of(a);
    }

    @Override
    Node rebuild(List<Node> in) {
        return new Sum(in.get(0));
    }

    @Override
    Node jvp(List<Node> t) {
        return t.get(0) == null ? null : t.get(0).sum();
    }

    /** The scalar cotangent stands for the uniform field: no broadcast buffer until a field is really required. */
    @Override
    void transpose(Node c, Cotangents ct) {
        ct.add(a, c);
    }

    @Override
    public String toString() {
        return shallow("sum");
    }
}
