package org.fthmc.dsl;

import java.util.List;

/** a · b: real or complex product, matrix product, scaling by a real or complex number, or elementwise on vectors. */
public final class Mul extends Node {
    private final Node a;
    private final Node b;

    Mul(Node a, Node b) {
        super(productType(a, b));
        this.a = a;
        this.b = b;
    }

    @Override
    public List<Node> inputs() {
        return List.of(a, b);
    }

    @Override
    Node rebuild(List<Node> in) {
        return new Mul(in.get(0), in.get(1));
    }

    @Override
    Node jvp(List<Node> t) {
        return Graphs.add(t.get(0) == null ? null : t.get(0).times(b), t.get(1) == null ? null : a.times(t.get(1)));
    }

    /**
     * Linear in one factor (the other held fixed): its cotangent for the real inner product ⟨x, y⟩ = Σ_c x_c y_c.
     * Same kinds: c·b̄ (c B† for matrices) and ā·c (A† C); a real factor s of X: ⟨c, X⟩ for s, s·c for X;
     * a complex factor z of a matrix M: tr(M† C) for z, z̄·C for M.
     */
    @Override
    void transpose(Node c, Cotangents ct) {
        boolean first = ct.isLinear(a);
        if (first && ct.isLinear(b)) {
            throw new DslException("transpose: " + this + " multiplies two tangents; the graph is not linear");
        }
        Node o = first ? a : b;
        Node other = first ? b : a;
        Type.Kind ko = o.type().kind();
        Type.Kind kp = other.type().kind();
        Node co;
        if (ko == kp) {
            co = first ? c.times(adjoint(other)) : adjoint(other).times(c);
        } else if (ko == Type.Kind.REAL) {
            co = c.dot(other);
        } else if (kp == Type.Kind.REAL) {
            co = c.times(other);
        } else if (ko == Type.Kind.COMPLEX) {
            // tr(M† C) = Re tr(M† C) + i Re tr((iM)† C): two real inner products instead of a matrix product
            co = other.dot(c).times(constant(Type.complex(true), 1, 0)).plus(other.times(imaginaryUnit()).dot(c).times(imaginaryUnit()));
        } else {
            co = other.conj().times(c);
        }
        ct.add(o, co);
    }

    /** b̄ for complex, B† for matrices, b itself for reals and vectors. */
    private static Node adjoint(Node b) {
        return switch (b.type().kind()) {
            case COMPLEX -> b.conj();
            case MATRIX -> b.dagger();
            case REAL, VECTOR -> b;
        };
    }

    @Override
    public String toString() {
        return shallow("times");
    }

    /** The type of a · b, or an error naming both operands. */
    private static Type productType(Node a, Node b) {
        checked("times", a);
        checked("times", b);
        Type ta = a.type();
        Type tb = b.type();
        boolean global = ta.global() && tb.global();
        Type.Kind ka = ta.kind();
        Type.Kind kb = tb.kind();
        Type shape;
        if (ka == Type.Kind.REAL) {
            shape = tb;
        } else if (kb == Type.Kind.REAL) {
            shape = ta;
        } else if (ka == Type.Kind.COMPLEX && (kb == Type.Kind.COMPLEX || kb == Type.Kind.MATRIX)) {
            shape = tb;
        } else if (kb == Type.Kind.COMPLEX && ka == Type.Kind.MATRIX) {
            shape = ta;
        } else if ((ka == Type.Kind.MATRIX || ka == Type.Kind.VECTOR) && ta.sameShape(tb)) {
            shape = ta;
        } else {
            throw new DslException("times: cannot multiply " + a + " (a " + ta + ") by " + b + " (a " + tb + ")");
        }
        return shape.withGlobal(global);
    }
}
