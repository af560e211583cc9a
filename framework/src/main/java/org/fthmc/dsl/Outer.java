package org.fthmc.dsl;

import java.util.List;

/** a bᵀ as a vector of m·n reals (row-major), for vectors a (m) and b (n). */
public final class Outer extends Binary {
    Outer(Node a, Node b) {
        super(Type.vector(kinds("outer", a, Type.Kind.VECTOR).type().n() * kinds("outer", b, Type.Kind.VECTOR).type().n(),
                a.type().global() && b.type().global()), a, b);
    }

    @Override
    Node rebuild(List<Node> in) {
        return new Outer(in.get(0), in.get(1));
    }

    @Override
    Node adjoint(Node c, boolean first) {
        return first ? new Dense(c, second(), first().type().n()) : new DenseT(c, first(), second().type().n());
    }

    @Override
    public String toString() {
        return shallow("outer");
    }
}
