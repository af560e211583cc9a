package org.fthmc.dsl;

import java.util.List;

/**
 * The field's value at x + δ for a D-vector δ: what a chain of shifts along several directions reads, in one
 * read (one step, through one site table) instead of one step per shift. Made by merging common
 * sub-expressions ({@link CommonSubexpressions}) from such chains; a single-direction shift stays a {@link Shift}.
 */
public final class ShiftBy extends Node implements OffsetRead {
    private final Node a;
    private final int[] offset;

    ShiftBy(Node a, int[] offset) {
        super(checked("shiftBy", a).type());
        if (a.type().global()) {
            throw new DslException("shiftBy(" + java.util.Arrays.toString(offset) + ") of " + a + ": cannot shift a global scalar");
        }
        this.a = a;
        this.offset = offset.clone();
    }

    /** δ (a copy). */
    public int[] offset() {
        return offset.clone();
    }

    @Override
    public int[] displacement() {
        return offset();
    }

    @Override
    public Node operand() {
        return a;
    }

    /** The same read at −δ (the transpose of this one). */
    private ShiftBy reversed(Node c) {
        return new ShiftBy(c, java.util.Arrays.stream(offset).map(k -> -k).toArray());
    }

    @Override
    public List<Node> inputs() {
        return List.of(a);
    }

    @Override
    Node rebuild(List<Node> in) {
        return new ShiftBy(in.get(0), offset);
    }

    @Override
    Node jvp(List<Node> t) {
        return t.get(0) == null ? null : new ShiftBy(t.get(0), offset);
    }

    /** The read at −δ; a scalar cotangent (a uniform field) passes unchanged. */
    @Override
    void transpose(Node c, Cotangents ct) {
        ct.add(a, c.type().global() ? c : reversed(c));
    }

    @Override
    public String toString() {
        return shallow("shiftBy" + java.util.Arrays.toString(offset));
    }
}
