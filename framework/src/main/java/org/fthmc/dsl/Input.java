package org.fthmc.dsl;

import java.util.List;

/** A named variable. */
public final class Input extends Node {
    private final String name;

    Input(String name, Type type) {
        super(type);
        this.name = name;
    }

    public String name() {
        return name;
    }

    @Override
    public List<Node> inputs() {
        return List.of();
    }

    @Override
    Node rebuild(List<Node> in) {
        return this;
    }

    /** An input's tangent is what the caller of {@link Autodiff#jvp} binds to it; as an operand it has none of its own. */
    @Override
    Node jvp(List<Node> t) {
        return null;
    }

    @Override
    public String toString() {
        return name;
    }
}
