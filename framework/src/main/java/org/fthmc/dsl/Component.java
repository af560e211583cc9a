package org.fthmc.dsl;

import java.util.List;

/** Component i of a vector: a real number. */
public final class Component extends Unary {
    private final int i;

    Component(Node a, int i) {
        super(kinds("component", a, Type.Kind.VECTOR).type().global() ? Type.SCALAR : Type.FIELD, a);
        if (i < 0 || i >= a.type().n()) {
            throw new DslException("component(" + i + ") of " + a + ": index out of 0.." + (a.type().n() - 1));
        }
        this.i = i;
    }

    public int index() {
        return i;
    }

    @Override
    Node rebuild(List<Node> in) {
        return new Component(in.get(0), i);
    }

    @Override
    Node adjoint(Node c, Type operand) {
        return c.times(basisVector(operand.n(), i));
    }

    @Override
    public String toString() {
        return shallow("component(" + i + ")");
    }
}
