package org.fthmc.dsl;

import java.util.List;

/** W x: W a vector of out·in weights (row-major), x an in-vector; the result an out-vector. */
public final class Dense extends Binary {
    private final int out;

    Dense(Node weights, Node x, int out) {
        super(Type.vector(out, weights.type().global() && x.type().global()), weights, x);
        checkLayer("dense", weights, x, out, x.type().n());
        this.out = out;
    }

    public int out() {
        return out;
    }

    @Override
    Node rebuild(List<Node> in) {
        return new Dense(in.get(0), in.get(1), out);
    }

    @Override
    Node adjoint(Node c, boolean first) {
        return first ? new Outer(c, second()) : new DenseT(first(), c, second().type().n());
    }

    @Override
    public String toString() {
        return shallow("dense");
    }
}
