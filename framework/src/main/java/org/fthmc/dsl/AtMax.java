package org.fthmc.dsl;

import java.util.List;

/**
 * 1 where the real field equals the global value m (its maximum, in the derivative of {@link Max}), else 0.
 * Piecewise constant: its derivative is zero.
 */
public final class AtMax extends Node {
    private final Node field;
    private final Node max;

    AtMax(Node field, Node max) {
        super(Type.FIELD);
        if (!field.type().equals(Type.FIELD) || !max.type().equals(Type.SCALAR)) {
            throw new DslException("atMax(" + field + ", " + max + "): needs a real field and a global real");
        }
        this.field = field;
        this.max = max;
    }

    @Override
    public List<Node> inputs() {
        return List.of(field, max);
    }

    @Override
    Node rebuild(List<Node> in) {
        return new AtMax(in.get(0), in.get(1));
    }

    /** Piecewise constant. */
    @Override
    Node jvp(List<Node> t) {
        return null;
    }

    @Override
    public String toString() {
        return shallow("atMax");
    }
}
