package org.fthmc.dsl;

import java.util.List;

/** The scalar a on every site. */
public final class Broadcast extends Node {
    private final Node a;

    Broadcast(Node a) {
        super(checked("broadcast", a).type().withGlobal(false));
        if (!a.type().global()) {
            throw new DslException("broadcast() of " + a + ": needs a global scalar");
        }
        this.a = a;
    }

    @Override
    public List<Node> inputs() {
        return List.of(a);
    }

    @Override
    Node rebuild(List<Node> in) {
        return new Broadcast(in.get(0));
    }

    @Override
    Node jvp(List<Node> t) {
        return t.get(0) == null ? null : new Broadcast(t.get(0));
    }

    @Override
    void transpose(Node c, Cotangents ct) {
        ct.add(a, (c.type().global() ? new Broadcast(c) : c).sum());
    }

    @Override
    public String toString() {
        return shallow("broadcast");
    }
}
