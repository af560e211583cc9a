package org.fthmc.dsl;

import java.util.List;

/** M†. */
public final class Dagger extends Unary {
    Dagger(Node a) {
        super(kinds("dagger", a, Type.Kind.MATRIX).type(), a);
    }

    @Override
    Node rebuild(List<Node> in) {
        return new Dagger(in.get(0));
    }

    @Override
    Node adjoint(Node c, Type operand) {
        return c.dagger();
    }

    @Override
    public String toString() {
        return shallow("dagger");
    }
}
