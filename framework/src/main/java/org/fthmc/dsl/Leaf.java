package org.fthmc.dsl;

import java.util.List;

/**
 * A node without operands: an {@link Input}, a {@link Constant} or a {@link FieldConstant}. It rebuilds as itself,
 * and has no tangent of its own (an input's tangent is what the caller of {@link Autodiff#jvp} binds to it).
 */
abstract sealed class Leaf extends Node permits Input, Constant, FieldConstant {
    Leaf(Type type) {
        super(type);
    }

    @Override
    public final List<Node> inputs() {
        return List.of();
    }

    @Override
    final Node rebuild(List<Node> in) {
        return this;
    }

    @Override
    final Node jvp(List<Node> t) {
        return null;
    }
}
