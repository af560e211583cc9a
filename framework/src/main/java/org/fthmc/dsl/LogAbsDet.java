package org.fthmc.dsl;

import java.util.List;

/** ln|det M| of an n×n complex matrix (any n; LU with partial pivoting per site): a real (JVP Re tr(M⁻¹ dM)). */
public final class LogAbsDet extends Node {
    private final Node a;

    LogAbsDet(Node a) {
        super(kinds("logAbsDet", a, Type.Kind.MATRIX).type().global() ? Type.SCALAR : Type.FIELD);
        this.a = a;
    }

    @Override
    public List<Node> inputs() {
        return List.of(a);
    }

    @Override
    Node rebuild(List<Node> in) {
        return new LogAbsDet(in.get(0));
    }

    /** Re tr(M⁻¹ dM), as the real inner product of (M⁻¹)† with dM: no matrix product. */
    @Override
    Node jvp(List<Node> t) {
        return t.get(0) == null ? null : a.inverse().dagger().dot(t.get(0));
    }

    @Override
    public String toString() {
        return shallow("logAbsDet");
    }
}
