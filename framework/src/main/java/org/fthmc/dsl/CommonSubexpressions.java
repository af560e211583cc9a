package org.fthmc.dsl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges the nodes of a graph that compute the same value the same way: the same primitive with the same parameters
 * on the same (already merged) operands, and constants of equal value. Derivative graphs rebuild many primal values
 * (the JVP rule of sin x builds cos x, which the primal may hold already; every loop of a layer is built once for
 * its features and again for its update), so merging them saves whole per-site evaluations. Shifts are put in a
 * canonical order first (along lower directions innermost, consecutive shifts along one direction combined), since
 * shifts commute, and products with a constant unit factor are dropped. Every merged value is bit-identical to the
 * ones it replaces (up to the sign of a zero where a unit factor is dropped).
 */
final class CommonSubexpressions {
    private CommonSubexpressions() {
    }

    /** What makes two nodes compute the same value: the primitive, its parameters, its type and its operands. */
    private record Key(Class<?> primitive, String parameters, Type type, List<Node> operands) {
        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Key k) || k.primitive != primitive || !k.parameters.equals(parameters)
                    || !k.type.equals(type) || k.operands.size() != operands.size()) {
                return false;
            }
            for (int i = 0; i < operands.size(); i++) {
                if (k.operands.get(i) != operands.get(i)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            int h = primitive.hashCode() * 31 + parameters.hashCode();
            for (Node n : operands) {
                h = h * 31 + System.identityHashCode(n);
            }
            return h * 31 + type.hashCode();
        }
    }

    /** The outputs with equal sub-expressions merged (and shifts in canonical order). */
    static List<Node> merge(List<Node> outputs) {
        Map<Node, Node> canonical = Graphs.identityMap();
        Map<Key, Node> seen = new HashMap<>();
        for (Node n : Graphs.topologicalOrder(outputs)) {
            Node r = Graphs.onOperands(n, canonical);
            if (r instanceof Shift s) {
                r = canonicalShift(s, seen);
                if (r instanceof Shift outer) {
                    r = collapsed(outer);
                }
            }
            if (r instanceof Mul m) {
                r = withoutUnitFactor(m);
            }
            canonical.put(n, unique(r, seen));
        }
        return outputs.stream().map(canonical::get).toList();
    }

    private static Node unique(Node n, Map<Key, Node> seen) {
        if (n instanceof Input || n instanceof FieldConstant) {
            return n; // distinct by identity
        }
        String parameters = n instanceof Constant c ? Arrays.toString(c.value()) : operation(n);
        return seen.computeIfAbsent(new Key(n.getClass(), parameters, n.type(), new ArrayList<>(n.inputs())), k -> n);
    }

    /** The primitive's name with its parameters, as its description starts ("shift(0,1)", "component(2)", "sin"). */
    private static String operation(Node n) {
        String s = n.toString();
        int hash = s.indexOf('#');
        return hash < 0 ? s : s.substring(0, hash);
    }

    /**
     * A product with a constant factor 1 (the real 1, or the identity matrix times a matrix) is its other factor
     * (derivative rules and Horner schemes build many). Exact but for the sign of a zero.
     */
    private static Node withoutUnitFactor(Mul m) {
        Node a = m.inputs().get(0);
        Node b = m.inputs().get(1);
        if (isUnit(a, b) && b.type().equals(m.type())) {
            return b;
        }
        if (isUnit(b, a) && a.type().equals(m.type())) {
            return a;
        }
        return m;
    }

    /** Whether u is the constant 1 (a real) or the identity (a matrix, multiplying the matrix other). */
    private static boolean isUnit(Node u, Node other) {
        if (!(u instanceof Constant c)) {
            return false;
        }
        double[] v = c.value();
        if (u.type().kind() == Type.Kind.REAL) {
            return v[0] == 1;
        }
        if (u.type().kind() != Type.Kind.MATRIX || other.type().kind() != Type.Kind.MATRIX) {
            return false;
        }
        int n = u.type().n();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (v[2 * (i * n + j)] != (i == j ? 1 : 0) || v[2 * (i * n + j) + 1] != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * A shift of a shift (or of a multi-direction read) of x as one read of x at the summed offset
     * ({@link ShiftBy}), so that the chain costs one step; x itself when the offset is zero.
     */
    private static Node collapsed(Shift outer) {
        if (!(outer.operand() instanceof OffsetRead)) {
            return outer;
        }
        int[] delta = new int[0];
        Node x = outer;
        while (x instanceof OffsetRead read) {
            int[] step = read.displacement();
            if (step.length > delta.length) {
                delta = Arrays.copyOf(delta, step.length);
            }
            for (int mu = 0; mu < step.length; mu++) {
                delta[mu] += step[mu];
            }
            x = read.operand();
        }
        return Node.readAt(x, delta);
    }

    /**
     * shift(shift(x, μ, a), ν, b): along one direction the shifts combine into shift(x, μ, a + b) (or x when a + b = 0);
     * along ν < μ they swap, so that the shift along the lower direction is applied first.
     */
    private static Node canonicalShift(Shift outer, Map<Key, Node> seen) {
        if (!(outer.inputs().getFirst() instanceof Shift inner)) {
            return outer;
        }
        Node x = inner.inputs().getFirst();
        if (inner.mu() == outer.mu()) {
            int k = inner.k() + outer.k();
            return k == 0 ? x : new Shift(x, outer.mu(), k);
        }
        if (outer.mu() < inner.mu()) {
            Node lower = unique(canonicalShift(new Shift(x, outer.mu(), outer.k()), seen), seen);
            return new Shift(lower, inner.mu(), inner.k());
        }
        return outer;
    }
}
