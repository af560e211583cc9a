package org.fthmc.dsl;

import java.util.List;

/** M⁻¹: a matrix (nonlinear; its JVP is −M⁻¹ dM M⁻¹). */
public final class Inverse extends Node {
    private final Node a;

    Inverse(Node a) {
        super(kinds("inverse", a, Type.Kind.MATRIX).type());
        this.a = a;
    }

    @Override
    public List<Node> inputs() {
        return List.of(a);
    }

    @Override
    Node rebuild(List<Node> in) {
        return new Inverse(in.get(0));
    }

    @Override
    Node jvp(List<Node> t) {
        return t.get(0) == null ? null : times(t.get(0)).times(this).negate();
    }

    @Override
    public String toString() {
        return shallow("inverse");
    }
}
