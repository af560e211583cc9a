package org.fthmc.dsl;

import java.util.List;

/** Complex conjugate of a complex number or (entrywise) of a matrix. */
public final class Conj extends Unary {
    Conj(Node a) {
        super(kinds("conj", a, Type.Kind.COMPLEX, Type.Kind.MATRIX).type(), a);
    }

    @Override
    Node rebuild(List<Node> in) {
        return new Conj(in.get(0));
    }

    @Override
    Node adjoint(Node c, Type operand) {
        return c.conj();
    }

    @Override
    public String toString() {
        return shallow("conj");
    }
}
