package org.fthmc.dsl;

import java.util.List;

/** tr M: a complex number. */
public final class Trace extends Unary {
    Trace(Node a) {
        super(Type.complex(kinds("trace", a, Type.Kind.MATRIX).type().global()), a);
    }

    @Override
    Node rebuild(List<Node> in) {
        return new Trace(in.get(0));
    }

    @Override
    Node adjoint(Node c, Type operand) {
        return c.times(identity(operand.n()));
    }

    @Override
    public String toString() {
        return shallow("trace");
    }
}
