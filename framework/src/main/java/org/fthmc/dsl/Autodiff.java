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
 * Group-valued inputs differentiate in the Lie algebra (the left derivative of docs/science.md §1): a U(1) link field is
 * its angle θ, whose ordinary derivative is the left derivative, so {@code grad} with respect to θ_μ is the force;
 * an SU(N) link field is a matrix input, and {@link #leftDerivative} turns the Euclidean gradient into the force.
 */
public final class Autodiff {
    private Autodiff() {
    }

    /** The directional derivative of f along the given tangents of its inputs (absent inputs have zero tangent). */
    public static Node jvp(Node f, Map<Input, Node> tangents) {
        for (var e : tangents.entrySet()) {
            if (!e.getValue().type().equals(e.getKey().type())) {
                throw new DslException("jvp: tangent " + e.getValue() + " of " + e.getKey() + " has type "
                        + e.getValue().type() + ", the input is a " + e.getKey().type());
            }
        }
        Node t = tangent(f, tangents);
        return t == null ? Graphs.zero(f.type()) : t;
    }

    /** ⟨cotangent, ∂f/∂x_i⟩ for each x_i: the vector-Jacobian products of f. */
    public static List<Node> vjp(Node f, Node cotangent, List<Input> wrt) {
        if (!cotangent.type().equals(f.type())) {
            throw new DslException("vjp: cotangent " + cotangent + " is a " + cotangent.type() + ", f is a " + f.type());
        }
        Set<Node> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
        Map<Input, Node> tangents = new IdentityHashMap<>();
        List<Input> dx = new ArrayList<>();
        for (Input x : wrt) {
            if (!distinct.add(x)) {
                throw new DslException("vjp: input " + x + " is listed twice");
            }
            Input d = Node.input("d" + x.name(), x.type());
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
    public static List<Node> grad(Node f, List<Input> wrt) {
        if (!f.type().global()) {
            throw new DslException("grad: " + f + " is a field; grad needs a global scalar (use sum(), or vjp)");
        }
        return vjp(f, Node.constant(1), wrt);
    }

    public static Node grad(Node f, Input x) {
        return grad(f, List.of(x)).getFirst();
    }

    /**
     * The force of a global scalar f with respect to a field of SU(N) matrices U: F = Σ_a (∂_a f) T_a with
     * ∂_a f = d/dt f(e^{t T_a} U) at t = 0 and tr(T_a T_b) = −½ δ_ab (docs/science.md §1). With G the Euclidean gradient
     * (G_ij = ∂f/∂Re U_ij + i ∂f/∂Im U_ij, so df = Re tr(G† dU)), ∂_a f = Re tr(T_a U G†), hence F = −½ TA(U G†).
     * Along any traceless anti-Hermitian X, d/dt f(e^{tX} U) = −2 tr(X F).
     */
    public static Node leftDerivative(Node f, Input u) {
        if (u.type().kind() != Type.Kind.MATRIX) {
            throw new DslException("leftDerivative: " + u + " is a " + u.type() + ", not a matrix field");
        }
        return leftDerivative(u, grad(f, u));
    }

    /** The force −½ TA(U G†) of a function whose Euclidean gradient at the matrix field u is g (see above). */
    public static Node leftDerivative(Node u, Node g) {
        return u.times(g.dagger()).tracelessAntiHermitian().times(-0.5);
    }

    /**
     * The per-site Jacobian block J_ij(x) = ∂out_i(x)/∂in_j(x) of a local map, as k × k field nodes. Valid when
     * out_i(x) depends on in_j only through in_j(x) (the updated links of a masked layer); each column is the jvp
     * along a tangent equal to 1 on every site.
     */
    public static Node[][] siteJacobian(List<Node> outputs, List<Input> inputs) {
        Node[][] j = new Node[outputs.size()][inputs.size()];
        for (int c = 0; c < inputs.size(); c++) {
            Input in = inputs.get(c);
            if (in.type().global()) {
                throw new DslException("siteJacobian: input " + in + " is a global scalar, not a field");
            }
            if (in.type().kind() != Type.Kind.REAL) {
                throw new DslException("siteJacobian: input " + in + " is a " + in.type() + "; use real components");
            }
            Map<Input, Node> ones = Map.of(in, new Broadcast(Node.constant(1)));
            for (int r = 0; r < outputs.size(); r++) {
                j[r][c] = jvp(outputs.get(r), ones);
            }
        }
        return j;
    }

    /**
     * The graphs of {@code outputs} with the given inputs replaced by other nodes (e.g. a per-link formula built on
     * placeholder inputs, applied to the nodes of a real field).
     */
    public static List<Node> substitute(List<Node> outputs, Map<Input, Node> replacements) {
        for (var e : replacements.entrySet()) {
            if (!e.getValue().type().equals(e.getKey().type())) {
                throw new DslException("substitute: " + e.getKey() + " is a " + e.getKey().type() + ", its replacement "
                        + e.getValue() + " a " + e.getValue().type());
            }
        }
        return Graphs.replace(outputs, new IdentityHashMap<>(replacements));
    }

    /** The tangent of f (null for zero), by each primitive's JVP rule in topological order. */
    private static Node tangent(Node f, Map<Input, Node> tangents) {
        Map<Node, Node> t = Graphs.identityMap();
        for (Node n : Graphs.topologicalOrder(List.of(f))) {
            Node tn;
            if (n instanceof Input x) {
                tn = tangents.get(x);
            } else {
                List<Node> in = new ArrayList<>(n.inputs().size());
                for (Node o : n.inputs()) {
                    in.add(t.get(o));
                }
                tn = in.stream().allMatch(java.util.Objects::isNull) ? null : n.jvp(in);
            }
            t.put(n, Graphs.fit(tn, n.type()));
        }
        return t.get(f);
    }

    /**
     * Transposes the linear graph {@code linear} (linear in the tangent inputs dx) applied to a cotangent, by each
     * linear primitive's transpose rule in reverse topological order.
     */
    private static Map<Node, Node> transpose(Node linear, Node cotangent, List<Input> dx) {
        List<Node> order = Graphs.topologicalOrder(List.of(linear));
        Set<Node> isLinear = Collections.newSetFromMap(new IdentityHashMap<>());
        isLinear.addAll(dx);
        for (Node n : order) {
            if (!(n instanceof Input) && n.inputs().stream().anyMatch(isLinear::contains)) {
                isLinear.add(n);
            }
        }
        Map<Node, Node> ct = Graphs.identityMap();
        ct.put(linear, cotangent);
        Node.Cotangents cotangents = new Node.Cotangents() {
            @Override
            public boolean isLinear(Node n) {
                return isLinear.contains(n);
            }

            @Override
            public void add(Node operand, Node c) {
                Node fitted = operand.type().global() && !c.type().global() ? c.sum() : c;
                ct.put(operand, Graphs.add(ct.get(operand), fitted));
            }
        };
        for (int i = order.size() - 1; i >= 0; i--) {
            Node n = order.get(i);
            Node c = ct.get(n);
            if (c != null && isLinear.contains(n) && !(n instanceof Input)) {
                n.transpose(c, cotangents);
            }
        }
        return ct;
    }
}
