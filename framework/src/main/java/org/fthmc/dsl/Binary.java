package org.fthmc.dsl;

import java.util.List;

/** A bilinear map of two operands (real inner product, dense layers, outer product). */
abstract sealed class Binary extends Node permits RealDot, Dense, DenseT, Outer {
    private final Node a;
    private final Node b;

    Binary(Type type, Node a, Node b) {
        super(type);
        this.a = a;
        this.b = b;
    }

    @Override
    public final List<Node> inputs() {
        return List.of(a, b);
    }

    /** Bilinear: the map of one tangent and the other operand, summed over both. */
    @Override
    final Node jvp(List<Node> t) {
        return Graphs.add(t.get(0) == null ? null : rebuild(List.of(t.get(0), b)), t.get(1) == null ? null : rebuild(List.of(a, t.get(1))));
    }

    @Override
    final void transpose(Node c, Cotangents ct) {
        boolean first = ct.isLinear(a);
        if (first && ct.isLinear(b)) {
            throw new DslException("transpose: " + this + " takes two tangents; the graph is not linear");
        }
        ct.add(first ? a : b, adjoint(c, first));
    }

    /** The cotangent of the first operand (or the second), the other held fixed, for a cotangent c of the result. */
    abstract Node adjoint(Node c, boolean first);

    /** The first operand. */
    final Node first() {
        return a;
    }

    /** The second operand. */
    final Node second() {
        return b;
    }

    static void checkLayer(String op, Node weights, Node x, int out, int in) {
        kinds(op, weights, Type.Kind.VECTOR);
        kinds(op, x, Type.Kind.VECTOR);
        if (out < 1 || weights.type().n() != out * in) {
            throw new DslException(op + "(" + weights + ", " + x + "): " + weights.type().n() + " weights do not make an "
                    + out + "x" + in + " layer");
        }
    }
}
