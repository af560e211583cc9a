package org.fthmc.dsl;

import java.util.List;

/** f(a) elementwise. */
public final class Apply extends Node {
    private final Node a;
    private final Fn fn;

    Apply(Node a, Fn fn) {
        super(checked(fn.op(), a).type());
        if (a.type().kind() != Type.Kind.REAL && a.type().kind() != Type.Kind.VECTOR) {
            throw new DslException(fn.op() + "(" + a + "): elementwise functions take reals or vectors, not a " + a.type());
        }
        this.a = a;
        this.fn = fn;
    }

    public Fn fn() {
        return fn;
    }

    @Override
    public List<Node> inputs() {
        return List.of(a);
    }

    @Override
    Node rebuild(List<Node> in) {
        return new Apply(in.get(0), fn);
    }

    @Override
    Node jvp(List<Node> t) {
        return t.get(0) == null ? null : fn.derivative(a).times(t.get(0));
    }

    @Override
    public String toString() {
        return shallow(fn.op());
    }
}
