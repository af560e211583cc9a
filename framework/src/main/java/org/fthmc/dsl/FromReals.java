package org.fthmc.dsl;

import java.util.ArrayList;
import java.util.List;

/**
 * A vector or a matrix whose components are given real nodes: {@link Node#stack} (vector components) and
 * {@link Node#realMatrix} (real parts of a matrix, row-major; imaginary parts 0). Linear; a copy per component, where
 * summing products with basis vectors or matrix units costs the full size per entry, forward and in reverse.
 */
public final class FromReals extends Node {
    private final List<Node> reals;

    FromReals(Type type, List<Node> reals) {
        super(type.withGlobal(reals.stream().allMatch(x -> checked("fromReals", x).type().global())));
        int expected = type.kind() == Type.Kind.VECTOR ? type.n() : type.kind() == Type.Kind.MATRIX ? type.n() * type.n() : -1;
        if (expected < 0) {
            throw new DslException("fromReals: builds vectors and matrices, not a " + type);
        }
        if (reals.size() != expected) {
            throw new DslException("fromReals: a " + type + " takes " + expected + " reals, got " + reals.size());
        }
        for (Node x : reals) {
            kinds("fromReals", x, Type.Kind.REAL);
        }
        this.reals = List.copyOf(reals);
    }

    /** The component of this node that real i fills (the real part of entry i for a matrix). */
    public int slot(int i) {
        return type().kind() == Type.Kind.MATRIX ? 2 * i : i;
    }

    @Override
    public List<Node> inputs() {
        return reals;
    }

    @Override
    Node rebuild(List<Node> in) {
        return new FromReals(type(), in);
    }

    @Override
    Node jvp(List<Node> t) {
        List<Node> tangents = new ArrayList<>(t.size());
        for (int i = 0; i < t.size(); i++) {
            tangents.add(t.get(i) != null ? t.get(i) : Graphs.zero(reals.get(i).type()));
        }
        return new FromReals(type(), tangents);
    }

    /** Real i's cotangent: the component it fills (the real part of its entry). */
    @Override
    void transpose(Node c, Cotangents ct) {
        int n = type().n();
        for (int i = 0; i < reals.size(); i++) {
            if (ct.isLinear(reals.get(i))) {
                ct.add(reals.get(i), type().kind() == Type.Kind.MATRIX ? c.element(i / n, i % n).re() : c.component(i));
            }
        }
    }

    @Override
    public String toString() {
        return shallow("fromReals");
    }
}
