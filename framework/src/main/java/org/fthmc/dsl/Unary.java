package org.fthmc.dsl;

import java.util.List;

/** A linear map of one operand (conjugate, dagger, traceless anti-Hermitian part, trace, real or imaginary part, one component). */
abstract sealed class Unary extends Node permits Conj, Dagger, TracelessAntiHermitian, Trace, Re, Im, Component, Element {
    private final Node a;

    Unary(Type type, Node a) {
        super(type);
        this.a = a;
    }

    @Override
    public final List<Node> inputs() {
        return List.of(a);
    }

    /** Linear: the same map of the tangent. */
    @Override
    final Node jvp(List<Node> t) {
        return t.get(0) == null ? null : rebuild(t);
    }

    @Override
    final void transpose(Node c, Cotangents ct) {
        ct.add(a, adjoint(c, a.type()));
    }

    /** The adjoint of this map (for the real inner product) applied to a cotangent, an operand of the given type. */
    abstract Node adjoint(Node c, Type operand);
}
