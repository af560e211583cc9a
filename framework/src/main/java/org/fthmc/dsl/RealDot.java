package org.fthmc.dsl;

import java.util.ArrayList;
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

    /**
     * c times the other operand; when that is a constant with at most half its components non-zero (an su(N)
     * generator), an assembly of c·k_i at its non-zero components k_i, so that the cotangents of a matrix's dot
     * products with a basis sum into one assembly ({@link FromReals#merged}) rather than a full scaled matrix each.
     */
    @Override
    Node adjoint(Node c, boolean first) {
        Node other = first ? second() : first();
        if (other instanceof Constant k && other.type().kind() != Type.Kind.REAL) {
            List<Node> reals = new ArrayList<>();
            List<Integer> slots = new ArrayList<>();
            for (int i = 0; i < k.value().length; i++) {
                if (k.value()[i] != 0) {
                    reals.add(c.times(k.value()[i]));
                    slots.add(i);
                }
            }
            if (2 * slots.size() <= k.value().length) {
                Type type = (first ? first() : second()).type();
                return Graphs.fit(new FromReals(type, reals, slots.stream().mapToInt(Integer::intValue).toArray()), type);
            }
        }
        return c.times(other);
    }

    @Override
    public String toString() {
        return shallow("dot");
    }
}
