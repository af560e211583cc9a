package org.fthmc.dsl;

import java.util.List;

/** The field's value at x + k μ̂. */
public final class Shift extends Node implements OffsetRead {
    private final Node a;
    private final int mu;
    private final int k;

    Shift(Node a, int mu, int k) {
        super(checked("shift", a).type());
        if (a.type().global()) {
            throw new DslException("shift(" + mu + ", " + k + ") of " + a + ": cannot shift a global scalar");
        }
        if (mu < 0) {
            throw new DslException("shift(" + mu + ", " + k + ") of " + a + ": direction must be >= 0");
        }
        this.a = a;
        this.mu = mu;
        this.k = k;
    }

    public int mu() {
        return mu;
    }

    public int k() {
        return k;
    }

    @Override
    public int[] displacement() {
        int[] e = new int[mu + 1];
        e[mu] = k;
        return e;
    }

    @Override
    public Node operand() {
        return a;
    }

    @Override
    public List<Node> inputs() {
        return List.of(a);
    }

    @Override
    Node rebuild(List<Node> in) {
        return new Shift(in.get(0), mu, k);
    }

    @Override
    Node jvp(List<Node> t) {
        return t.get(0) == null ? null : t.get(0).shift(mu, k);
    }

    /** A scalar cotangent of a field stands for the uniform field, which a shift leaves unchanged. */
    @Override
    void transpose(Node c, Cotangents ct) {
        ct.add(a, c.type().global() ? c : c.shift(mu, -k));
    }

    @Override
    public String toString() {
        return shallow("shift(" + mu + "," + k + ")");
    }
}
