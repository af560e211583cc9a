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
    public static Node jvp(Node f, Map<Node.Input, Node> tangents) {
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
    public static List<Node> vjp(Node f, Node cotangent, List<Node.Input> wrt) {
        if (!cotangent.type().equals(f.type())) {
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
     * The force of a global scalar f with respect to a field of SU(N) matrices U: F = Σ_a (∂_a f) T_a with
     * ∂_a f = d/dt f(e^{t T_a} U) at t = 0 and tr(T_a T_b) = −½ δ_ab (docs/science.md §1). With G the Euclidean gradient
     * (G_ij = ∂f/∂Re U_ij + i ∂f/∂Im U_ij, so df = Re tr(G† dU)), ∂_a f = Re tr(T_a U G†), hence F = −½ TA(U G†).
     * Along any traceless anti-Hermitian X, d/dt f(e^{tX} U) = −2 tr(X F).
     */
    public static Node leftDerivative(Node f, Node.Input u) {
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
    public static Node[][] siteJacobian(List<Node> outputs, List<Node.Input> inputs) {
        Node[][] j = new Node[outputs.size()][inputs.size()];
        for (int c = 0; c < inputs.size(); c++) {
            Node.Input in = inputs.get(c);
            if (in.type().global()) {
                throw new DslException("siteJacobian: input " + in + " is a global scalar, not a field");
            }
            if (in.type().kind() != Type.Kind.REAL) {
                throw new DslException("siteJacobian: input " + in + " is a " + in.type() + "; use real components");
            }
            Map<Node.Input, Node> ones = Map.of(in, new Node.Broadcast(Node.constant(1)));
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
    public static List<Node> substitute(List<Node> outputs, Map<Node.Input, Node> replacements) {
        for (var e : replacements.entrySet()) {
            if (!e.getValue().type().equals(e.getKey().type())) {
                throw new DslException("substitute: " + e.getKey() + " is a " + e.getKey().type() + ", its replacement "
                        + e.getValue() + " a " + e.getValue().type());
            }
        }
        return Graphs.replace(outputs, new IdentityHashMap<>(replacements));
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
                case Node.ShiftBy s -> t.get(in.get(0)) == null ? null : s.rebuild(List.of(t.get(in.get(0))));
                case Node.Sum s -> t.get(in.get(0)) == null ? null : t.get(in.get(0)).sum();
                case Node.Max m -> maxTangent(m, t);
                case Node.AtMax a -> null;
                case Node.Broadcast b -> t.get(in.get(0)) == null ? null : new Node.Broadcast(t.get(in.get(0)));
                case Node.Apply a -> t.get(in.get(0)) == null ? null : a.fn().derivative(in.get(0)).times(t.get(in.get(0)));
                case Node.Inverse inv -> t.get(in.get(0)) == null ? null : inv.times(t.get(in.get(0))).times(inv).negate();
                // Re tr(M⁻¹ dM) as the real inner product of (M⁻¹)† with dM: no matrix product
                case Node.LogAbsDet l -> t.get(in.get(0)) == null ? null : in.get(0).inverse().dagger().dot(t.get(in.get(0)));
                case Node.Unary u -> t.get(in.get(0)) == null ? null : sameOp(u, t.get(in.get(0)));
                case Node.Binary b -> Graphs.add(t.get(in.get(0)) == null ? null : sameOp(b, t.get(in.get(0)), in.get(1)),
                        t.get(in.get(1)) == null ? null : sameOp(b, in.get(0), t.get(in.get(1))));
                case Node.Conv c -> convTangent(c, t);
            };
            t.put(n, Graphs.fit(tn, n.type()));
        }
        return t.get(f);
    }

    private static Node product(Node a, Node b) {
        return a == null || b == null ? null : a.times(b);
    }

    /** The linear primitive u applied to another operand. */
    private static Node sameOp(Node.Unary u, Node x) {
        return switch (u) {
            case Node.Conj c -> x.conj();
            case Node.Dagger d -> x.dagger();
            case Node.Trace t -> x.trace();
            case Node.Re r -> x.re();
            case Node.Im i -> x.im();
            case Node.Component c -> x.component(c.index());
            case Node.Element e -> x.element(e.row(), e.column());
        };
    }

    /** The bilinear primitive b applied to other operands. */
    private static Node sameOp(Node.Binary b, Node x, Node y) {
        return switch (b) {
            case Node.RealDot d -> x.dot(y);
            case Node.Dense d -> new Node.Dense(x, y, d.out());
            case Node.DenseT d -> new Node.DenseT(x, y, d.in());
            case Node.Outer o -> new Node.Outer(x, y);
        };
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
                    accumulate(ct, o, unbroadcast(mulTranspose(c, in.get(0), in.get(1), first), o.type()));
                }
                case Node.Conj u -> accumulate(ct, in.get(0), c.conj());
                case Node.Dagger u -> accumulate(ct, in.get(0), c.dagger());
                case Node.Trace u -> accumulate(ct, in.get(0), c.times(Node.identity(in.get(0).type().n())));
                case Node.Re u -> accumulate(ct, in.get(0), c.times(Node.constant(Type.complex(true), 1, 0)));
                case Node.Im u -> accumulate(ct, in.get(0), c.times(Node.imaginaryUnit()));
                case Node.Component u -> accumulate(ct, in.get(0), c.times(Node.basisVector(in.get(0).type().n(), u.index())));
                case Node.Element u -> accumulate(ct, in.get(0),
                        c.times(Node.matrixUnit(in.get(0).type().n(), u.row(), u.column())));
                case Node.Binary b -> {
                    boolean first = isLinear.contains(in.get(0));
                    if (first && isLinear.contains(in.get(1))) {
                        throw new DslException("transpose: " + n + " takes two tangents; the graph is not linear");
                    }
                    Node o = first ? in.get(0) : in.get(1);
                    accumulate(ct, o, unbroadcast(binaryTranspose(b, c, in.get(0), in.get(1), first), o.type()));
                }
                // A scalar cotangent of a field stands for the uniform field: shifting it changes nothing, and the
                // transpose of a sum needs no broadcast buffer until a field is really required.
                case Node.Shift s -> accumulate(ct, in.get(0), c.type().global() ? c : c.shift(s.mu(), -s.k()));
                case Node.ShiftBy s -> accumulate(ct, in.get(0), c.type().global() ? c : s.reversed(c));
                case Node.Sum s -> accumulate(ct, in.get(0), c);
                case Node.Conv conv -> {
                    if (conv.weights().stream().anyMatch(isLinear::contains)) {
                        throw new DslException("transpose: " + n + " has tangent weights; its JVP puts them in dense layers");
                    }
                    accumulate(ct, conv.field(), conv.adjoint(c.type().global() ? new Node.Broadcast(c) : c));
                }
                case Node.Broadcast b -> accumulate(ct, in.get(0), (c.type().global() ? new Node.Broadcast(c) : c).sum());
                default -> throw new DslException("transpose: " + n + " is not linear in the tangents");
            }
        }
        return ct;
    }

    /**
     * The cotangent of one factor of a · b (the other held fixed), for the real inner product ⟨x, y⟩ = Σ_c x_c y_c:
     * same kinds: c·b̄ (c B† for matrices) and ā·c (A† C); a real factor s of X: ⟨c, X⟩ for s, s·c for X;
     * a complex factor z of a matrix M: tr(M† C) for z, z̄·C for M.
     */
    private static Node mulTranspose(Node c, Node a, Node b, boolean forFirst) {
        Node o = forFirst ? a : b;
        Node other = forFirst ? b : a;
        Type.Kind ko = o.type().kind();
        Type.Kind kp = other.type().kind();
        if (ko == kp) {
            return forFirst ? c.times(adjoint(other)) : adjoint(other).times(c);
        }
        if (ko == Type.Kind.REAL) {
            return c.dot(other);
        }
        if (kp == Type.Kind.REAL) {
            return c.times(other);
        }
        if (ko == Type.Kind.COMPLEX) {
            // tr(M† C) = Re tr(M† C) + i Re tr((iM)† C): two real inner products instead of a matrix product
            return other.dot(c).times(Node.constant(Type.complex(true), 1, 0))
                    .plus(other.times(Node.imaginaryUnit()).dot(c).times(Node.imaginaryUnit()));
        }
        return other.conj().times(c);
    }

    /** b̄ for complex, B† for matrices, b itself for reals and vectors. */
    private static Node adjoint(Node b) {
        return switch (b.type().kind()) {
            case COMPLEX -> b.conj();
            case MATRIX -> b.dagger();
            case REAL, VECTOR -> b;
        };
    }

    /** The cotangent of one operand of a bilinear primitive, the other held fixed. */
    private static Node binaryTranspose(Node.Binary op, Node c, Node a, Node b, boolean forFirst) {
        return switch (op) {
            case Node.RealDot d -> c.times(forFirst ? b : a);
            case Node.Dense d -> forFirst ? new Node.Outer(c, b) : new Node.DenseT(a, c, b.type().n());
            case Node.DenseT d -> forFirst ? new Node.Outer(b, c) : new Node.Dense(a, c, b.type().n());
            case Node.Outer o -> forFirst ? new Node.Dense(c, b, a.type().n()) : new Node.DenseT(c, a, b.type().n());
        };
    }

    /** The tangent of a maximum: Σ_i Σ_x [f_i(x) = max] t_i(x) / (the number of places holding the maximum). */
    private static Node maxTangent(Node.Max max, Map<Node, Node> t) {
        Node tangent = null;
        Node count = null;
        for (Node f : max.inputs()) {
            Node at = new Node.AtMax(f, max);
            count = count == null ? at.sum() : count.plus(at.sum());
            if (t.get(f) != null) {
                Node term = at.times(t.get(f)).sum();
                tangent = tangent == null ? term : tangent.plus(term);
            }
        }
        return tangent == null ? null : tangent.times(count.recip());
    }

    /** The tangent of a convolution: of the field through the convolution, of each tensor through a dense layer. */
    private static Node convTangent(Node.Conv conv, Map<Node, Node> t) {
        Node dh = t.get(conv.field());
        Node sum = dh == null ? null : conv.of(dh);
        for (int o = 0; o < conv.weights().size(); o++) {
            Node dw = t.get(conv.weights().get(o));
            if (dw != null) {
                Node h = conv.shifted(conv.field(), o);
                Node term = conv.transposed() ? new Node.DenseT(dw, h, conv.cols()) : new Node.Dense(dw, h, conv.rows());
                sum = Graphs.add(sum, term);
            }
        }
        return sum;
    }

    /** The cotangent of an operand of the target type: a field cotangent of a scalar operand is summed. */
    private static Node unbroadcast(Node c, Type target) {
        return target.global() && !c.type().global() ? c.sum() : c;
    }

    private static void accumulate(Map<Node, Node> ct, Node n, Node c) {
        ct.put(n, Graphs.add(ct.get(n), c));
    }
}
