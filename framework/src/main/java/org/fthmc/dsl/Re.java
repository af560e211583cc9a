package org.fthmc.dsl;

import java.util.List;

/** Re z: a real number. */
public final class Re extends Unary {
    Re(Node a) {
        super(kinds("re", a, Type.Kind.COMPLEX).type().global() ? Type.SCALAR : Type.FIELD, a);
    }

    @Override
    Node rebuild(List<Node> in) {
        return new Re(in.get(0));
    }

    @Override
    Node adjoint(Node c, Type operand) {
        return new FromReals(operand.withGlobal(c.type().global()), List.of(c), new int[] {0});
    }

    @Override
    public String toString() {
        return shallow("re");
    }
}
