package org.fthmc.dsl;

import java.util.List;

/** Σ_c a_c b_c per site: a real number. */
public final class RealDot extends Binary {
    RealDot(Node a, Node b) {
        super(sameShape("dot", a, b).global() ? Type.SCALAR : Type.FIELD, a, b);
    }

    @Override
    Node rebuild(List<Node> in) {
        return new RealDot(in.get(0), in.get(1));
    }

    @Override
    Node adjoint(Node c, boolean first) {
        return c.times(first ? second() : first());
    }

    @Override
    public String toString() {
        return shallow("dot");
    }
}
