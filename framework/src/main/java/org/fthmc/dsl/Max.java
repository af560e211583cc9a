package org.fthmc.dsl;

import java.util.List;

/** The largest value of real fields over all their sites (see {@link #max(List)}); a reduction, like a sum. */
public final class Max extends Node {
    private final List<Node> fields;

    Max(List<Node> fields) {
        super(Type.SCALAR);
        if (fields.isEmpty()) {
            throw new DslException("max: no fields");
        }
        for (Node f : fields) {
            if (!checked("max", f).type().equals(Type.FIELD)) {
                throw new DslException("max of " + f + ": needs real fields, got a " + f.type());
            }
        }
        this.fields = fields;
    }

    @Override
    public List<Node> inputs() {
        return fields;
    }

    @Override
    Node rebuild(List<Node> in) {
        return new Max(List.copyOf(in));
    }

    /** Σ_i Σ_x [f_i(x) = max] t_i(x) / (the number of places holding the maximum). */
    @Override
    Node jvp(List<Node> t) {
        Node tangent = null;
        Node count = null;
        for (int i = 0; i < fields.size(); i++) {
            Node at = new AtMax(fields.get(i), this);
            count = count == null ? at.sum() : count.plus(at.sum());
            if (t.get(i) != null) {
                tangent = Graphs.add(tangent, at.times(t.get(i)).sum());
            }
        }
        return tangent == null ? null : tangent.times(count.recip());
    }

    @Override
    public String toString() {
        return shallow("max");
    }
}
