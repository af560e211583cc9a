package org.fthmc.dsl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Derivatives of DSL graphs, as new DSL graphs of the same primitives, so they compose to any order
 * (grad of a function of a grad, Hessian-vector products).
 * <ul>
 *   <li>{@link #jvp} — forward mode: each primitive's JVP rule gives the tangent of its output as a graph that is
 *   linear in the tangents of its inputs;</li>
 *   <li>{@link #vjp} — reverse mode by linearise-then-transpose: the JVP graph with fresh tangent inputs is
 *   transposed, node by node in reverse order, with the transpose rules of the linear primitives (add, negate,
 *   multiply by a non-tangent, shift, sum, broadcast);</li>
 *   <li>{@link #grad} — the vjp of a scalar with cotangent 1.</li>
 * </ul>
 * Group-valued inputs: a U(1) link field is its angle θ, whose derivative is the left derivative of SCIENCE.md §1,
 * so {@code grad} of an action with respect to θ_μ is the force field. (Matrix-valued links need the matrix types.)
 */
public final class Autodiff {
    private Autodiff() {
    }

    /** The directional derivative of f along the given tangents of its inputs (absent inputs have zero tangent). */
    public static Node jvp(Node f, Map<Node.Input, Node> tangents) {
        for (var e : tangents.entrySet()) {
            if (e.getValue().type().global() != e.getKey().type().global()) {
                throw new DslException("jvp: tangent " + e.getValue() + " of " + e.getKey() + " has type "
                        + e.getValue().type() + ", the input is a " + e.getKey().type());
            }
        }
        Node t = tangent(f, tangents);
        return t == null ? Graphs.zero(f.type()) : t;
    }

    /** ⟨cotangent, ∂f/∂x_i⟩ for each x_i: the vector-Jacobian products of f. */
    public static List<Node> vjp(Node f, Node cotangent, List<Node.Input> wrt) {
        if (cotangent.type().global() != f.type().global()) {
            throw new DslException("vjp: cotangent " + cotangent + " is a " + cotangent.type() + ", f is a " + f.type());
        }
        Set<Node> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
        Map<Node.Input, Node> tangents = new IdentityHashMap<>();
        List<Node.Input> dx = new ArrayList<>();
        for (Node.Input x : wrt) {
            if (!distinct.add(x)) {
                throw new DslException("vjp: input " + x + " is listed twice");
            }
            Node.Input d = Node.input("d" + x.name(), x.type());
            tangents.put(x, d);
            dx.add(d);
        }
        Node linear = tangent(f, tangents);
        Map<Node, Node> cotangents = linear == null ? Map.of() : transpose(linear, cotangent, dx);
        List<Node> result = new ArrayList<>();
        for (int i = 0; i < wrt.size(); i++) {
            Node c = cotangents.get(dx.get(i));
            result.add(c == null ? Graphs.zero(wrt.get(i).type()) : Graphs.fit(c, wrt.get(i).type()));
        }
        return result;
    }

    /** ∂f/∂x_i for a global scalar f. */
    public static List<Node> grad(Node f, List<Node.Input> wrt) {
        if (!f.type().global()) {
            throw new DslException("grad: " + f + " is a field; grad needs a global scalar (use sum(), or vjp)");
        }
        return vjp(f, Node.constant(1), wrt);
    }

    public static Node grad(Node f, Node.Input x) {
        return grad(f, List.of(x)).getFirst();
    }

    /**
     * The per-site Jacobian block J_ij(x) = ∂out_i(x)/∂in_j(x) of a local map, as k × k field nodes. Valid when
     * out_i(x) depends on in_j only through in_j(x) (the updated links of a masked layer); each column is the jvp
     * along a tangent equal to 1 on every site.
     */
    public static Node[][] siteJacobian(List<Node> outputs, List<Node.Input> inputs) {
        Node[][] j = new Node[outputs.size()][inputs.size()];
        for (int c = 0; c < inputs.size(); c++) {
            Node.Input in = inputs.get(c);
            if (in.type().global()) {
                throw new DslException("siteJacobian: input " + in + " is a global scalar, not a field");
            }
            Map<Node.Input, Node> ones = Map.of(in, new Node.Broadcast(Node.constant(1)));
            for (int r = 0; r < outputs.size(); r++) {
                j[r][c] = jvp(outputs.get(r), ones);
            }
        }
        return j;
    }

    /** The tangent of f (null for zero), by the JVP rule of each primitive in topological order. */
    private static Node tangent(Node f, Map<Node.Input, Node> tangents) {
        Map<Node, Node> t = Graphs.identityMap();
        for (Node n : Graphs.topologicalOrder(List.of(f))) {
            List<Node> in = n.inputs();
            Node tn = switch (n) {
                case Node.Input x -> tangents.get(x);
                case Node.Constant c -> null;
                case Node.FieldConstant c -> null;
                case Node.Add a -> Graphs.add(t.get(in.get(0)), t.get(in.get(1)));
                case Node.Neg a -> t.get(in.get(0)) == null ? null : t.get(in.get(0)).negate();
                case Node.Mul m -> Graphs.add(product(t.get(in.get(0)), in.get(1)), product(in.get(0), t.get(in.get(1))));
                case Node.Shift s -> t.get(in.get(0)) == null ? null : t.get(in.get(0)).shift(s.mu(), s.k());
                case Node.Sum s -> t.get(in.get(0)) == null ? null : t.get(in.get(0)).sum();
                case Node.Broadcast b -> t.get(in.get(0)) == null ? null : new Node.Broadcast(t.get(in.get(0)));
                case Node.Apply a -> t.get(in.get(0)) == null ? null : a.fn().derivative(in.get(0)).times(t.get(in.get(0)));
            };
            t.put(n, Graphs.fit(tn, n.type()));
        }
        return t.get(f);
    }

    private static Node product(Node a, Node b) {
        return a == null || b == null ? null : a.times(b);
    }

    /** Transposes the linear graph {@code linear} (linear in the tangent inputs dx) applied to a cotangent. */
    private static Map<Node, Node> transpose(Node linear, Node cotangent, List<Node.Input> dx) {
        List<Node> order = Graphs.topologicalOrder(List.of(linear));
        Set<Node> isLinear = Collections.newSetFromMap(new IdentityHashMap<>());
        isLinear.addAll(dx);
        for (Node n : order) {
            if (!(n instanceof Node.Input) && n.inputs().stream().anyMatch(isLinear::contains)) {
                isLinear.add(n);
            }
        }
        Map<Node, Node> ct = Graphs.identityMap();
        ct.put(linear, cotangent);
        for (int i = order.size() - 1; i >= 0; i--) {
            Node n = order.get(i);
            Node c = ct.get(n);
            if (c == null || !isLinear.contains(n) || n instanceof Node.Input) {
                continue;
            }
            List<Node> in = n.inputs();
            switch (n) {
                case Node.Add a -> {
                    for (Node o : in) {
                        if (isLinear.contains(o)) {
                            accumulate(ct, o, unbroadcast(c, o.type()));
                        }
                    }
                }
                case Node.Neg a -> accumulate(ct, in.get(0), c.negate());
                case Node.Mul m -> {
                    boolean first = isLinear.contains(in.get(0));
                    if (first && isLinear.contains(in.get(1))) {
                        throw new DslException("transpose: " + n + " multiplies two tangents; the graph is not linear");
                    }
                    Node o = first ? in.get(0) : in.get(1);
                    Node other = first ? in.get(1) : in.get(0);
                    accumulate(ct, o, unbroadcast(c.times(other), o.type()));
                }
                // A scalar cotangent of a field stands for the uniform field: shifting it changes nothing, and the
                // transpose of a sum needs no broadcast buffer until a field is really required.
                case Node.Shift s -> accumulate(ct, in.get(0), c.type().global() ? c : c.shift(s.mu(), -s.k()));
                case Node.Sum s -> accumulate(ct, in.get(0), c);
                case Node.Broadcast b -> accumulate(ct, in.get(0), (c.type().global() ? new Node.Broadcast(c) : c).sum());
                default -> throw new DslException("transpose: " + n + " is not linear in the tangents");
            }
        }
        return ct;
    }

    /** The cotangent of an operand of the target type: a field cotangent of a scalar operand is summed. */
    private static Node unbroadcast(Node c, Type target) {
        return target.global() && !c.type().global() ? c.sum() : c;
    }

    private static void accumulate(Map<Node, Node> ct, Node n, Node c) {
        ct.put(n, Graphs.add(ct.get(n), c));
    }
}
