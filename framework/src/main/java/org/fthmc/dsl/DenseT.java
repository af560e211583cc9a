package org.fthmc.dsl;

import java.util.List;

/** Wᵀ y: W a vector of out·in weights (row-major), y an out-vector; the result an in-vector. */
public final class DenseT extends Binary {
    private final int in;

    DenseT(Node weights, Node y, int in) {
        super(Type.vector(in, weights.type().global() && y.type().global()), weights, y);
        checkLayer("denseTransposed", weights, y, y.type().n(), in);
        this.in = in;
    }

    public int in() {
        return in;
    }

    @Override
    Node rebuild(List<Node> in) {
        return new DenseT(in.get(0), in.get(1), this.in);
    }

    @Override
    Node adjoint(Node c, boolean first) {
        return first ? new Outer(second(), c) : new Dense(first(), c, second().type().n());
    }

    @Override
    public String toString() {
        return shallow("denseTransposed");
    }
}
