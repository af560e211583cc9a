package org.fthmc.dsl;

import java.util.List;

/** Entry (i, j) of a matrix: a complex number. */
public final class Element extends Unary {
    private final int i;
    private final int j;

    Element(Node a, int i, int j) {
        super(Type.complex(kinds("element", a, Type.Kind.MATRIX).type().global()), a);
        int n = a.type().n();
        if (i < 0 || j < 0 || i >= n || j >= n) {
            throw new DslException("element(" + i + ", " + j + ") of " + a + ": index out of 0.." + (n - 1));
        }
        this.i = i;
        this.j = j;
    }

    public int row() {
        return i;
    }

    public int column() {
        return j;
    }

    @Override
    Node rebuild(List<Node> in) {
        return new Element(in.get(0), i, j);
    }

    @Override
    Node adjoint(Node c, Type operand) {
        int k = 2 * (i * operand.n() + j);
        return new FromReals(operand.withGlobal(c.type().global()), List.of(c.re(), c.im()), new int[] {k, k + 1});
    }

    @Override
    public String toString() {
        return shallow("element(" + i + "," + j + ")");
    }
}
