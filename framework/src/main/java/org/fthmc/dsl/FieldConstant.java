package org.fthmc.dsl;

import java.util.List;

/** Fixed per-site data; not differentiable. */
public final class FieldConstant extends Node {
    private final String name;
    private final double[] data;

    FieldConstant(String name, Type type, double[] data) {
        super(type);
        if (type.global()) {
            throw new DslException("fieldConstant " + name + ": needs a field type, got " + type);
        }
        this.name = name;
        this.data = data.clone();
    }

    /** The data; read only. */
    public double[] data() {
        return data;
    }

    @Override
    public List<Node> inputs() {
        return List.of();
    }

    @Override
    Node rebuild(List<Node> in) {
        return this;
    }

    /** Data, not a variable: zero tangent. */
    @Override
    Node jvp(List<Node> t) {
        return null;
    }

    @Override
    public String toString() {
        return name;
    }
}
