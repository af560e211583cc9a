package org.fthmc.dsl;

import java.util.List;

/** Im z: a real number. */
public final class Im extends Unary {
    Im(Node a) {
        super(kinds("im", a, Type.Kind.COMPLEX).type().global() ? Type.SCALAR : Type.FIELD, a);
    }

    @Override
    Node rebuild(List<Node> in) {
        return new Im(in.get(0));
    }

    @Override
    Node adjoint(Node c, Type operand) {
        return new FromReals(operand.withGlobal(c.type().global()), List.of(c), new int[] {1});
    }

    @Override
    public String toString() {
        return shallow("im");
    }
}
