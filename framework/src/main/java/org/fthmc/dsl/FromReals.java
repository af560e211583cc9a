package org.fthmc.dsl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A vector, complex number or matrix whose components (in storage order: re, im; matrices row-major) at the given
 * slots are given real nodes and whose other components are 0: {@link Node#stack} (vector components),
 * {@link Node#realMatrix} (real parts of a matrix), and the adjoint of {@link Component}. Linear; a copy per component,
 * where summing products with basis vectors or matrix units costs the full size per entry, forward and in reverse.
 */
public final class FromReals extends Node {
    private final List<Node> reals;
    private final int[] slots;

    FromReals(Type type, List<Node> reals, int[] slots) {
        super(type.withGlobal(reals.stream().allMatch(x -> checked("fromReals", x).type().global())));
        if (type.kind() == Type.Kind.REAL) {
            throw new DslException("fromReals: builds vectors, complex numbers and matrices, not a " + type);
        }
        if (reals.size() != slots.length) {
            throw new DslException("fromReals: " + reals.size() + " reals for " + slots.length + " slots");
        }
        boolean[] taken = new boolean[type.components()];
        for (int slot : slots) {
            if (slot < 0 || slot >= taken.length || taken[slot]) {
                throw new DslException("fromReals: slot " + slot + " of a " + type + " is out of range or repeated");
            }
            taken[slot] = true;
        }
        for (Node x : reals) {
            kinds("fromReals", x, Type.Kind.REAL);
        }
        this.reals = List.copyOf(reals);
        this.slots = slots.clone();
    }

    /** The reals filling every component of a vector, or the real parts of a matrix's entries (row-major). */
    static FromReals filling(Type type, List<Node> reals) {
        int[] slots = new int[reals.size()];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = type.kind() == Type.Kind.MATRIX ? 2 * i : i;
        }
        int expected = type.kind() == Type.Kind.MATRIX ? type.n() * type.n() : type.components();
        if (reals.size() != expected) {
            throw new DslException("fromReals: a " + type + " takes " + expected + " reals, got " + reals.size());
        }
        return new FromReals(type, reals, slots);
    }

    /** The component of this node that real i fills. */
    public int slot(int i) {
        return slots[i];
    }

    /**
     * The sum of two assemblies of the same type as one assembly (a component both fill is the sum of their reals),
     * or null when they are not such a pair.
     */
    static Node merged(Node a, Node b) {
        if (!(a instanceof FromReals x) || !(b instanceof FromReals y) || !x.type().equals(y.type())) {
            return null;
        }
        List<Node> reals = new ArrayList<>(x.reals);
        int[] slots = Arrays.copyOf(x.slots, x.slots.length + y.slots.length);
        int filled = x.slots.length;
        for (int j = 0; j < y.slots.length; j++) {
            int i = indexOf(x.slots, y.slots[j]);
            if (i >= 0) {
                reals.set(i, new Add(reals.get(i), y.reals.get(j)));
            } else {
                reals.add(y.reals.get(j));
                slots[filled++] = y.slots[j];
            }
        }
        return new FromReals(x.type(), reals, Arrays.copyOf(slots, filled));
    }

    private static int indexOf(int[] slots, int slot) {
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] == slot) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public List<Node> inputs() {
        return reals;
    }

    @Override
    Node rebuild(List<Node> in) {
        return new FromReals(type(), in, slots);
    }

    @Override
    Node jvp(List<Node> t) {
        List<Node> tangents = new ArrayList<>();
        List<Integer> filled = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            if (t.get(i) != null) {
                tangents.add(t.get(i));
                filled.add(slots[i]);
            }
        }
        return tangents.isEmpty() ? null : Graphs.fit(new FromReals(type(), tangents, filled.stream().mapToInt(Integer::intValue).toArray()), type());
    }

    /** Real i's cotangent: the component it fills. */
    @Override
    void transpose(Node c, Cotangents ct) {
        for (int i = 0; i < reals.size(); i++) {
            if (ct.isLinear(reals.get(i))) {
                ct.add(reals.get(i), c.component(slots[i]));
            }
        }
    }

    @Override
    public String toString() {
        return shallow("fromReals" + Arrays.toString(slots));
    }
}
