package org.fthmc.dsl;

import java.util.List;

/**
 * Component i of a value's storage, a real number: of a vector, a complex number (0: re, 1: im) or a matrix
 * (2(r n + c) + 0/1: entry (r, c), re/im). Its adjoint places the cotangent in that component ({@link FromReals}),
 * so the transposes of many picks of one value add up to one assembly (see {@link Graphs#add}).
 */
public final class Component extends Unary {
    private final int i;

    Component(Node a, int i) {
        super(kinds("component", a, Type.Kind.VECTOR, Type.Kind.COMPLEX, Type.Kind.MATRIX).type().global() ? Type.SCALAR : Type.FIELD, a);
        if (i < 0 || i >= a.type().components()) {
            throw new DslException("component(" + i + ") of " + a + ": index out of 0.." + (a.type().components() - 1));
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
        return new FromReals(operand.withGlobal(c.type().global()), List.of(c), new int[] {i});
    }

    @Override
    public String toString() {
        return shallow("component(" + i + ")");
    }
}
