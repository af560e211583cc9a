package org.fthmc.dsl;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A node of a DSL expression graph: an immutable value of a {@link Type} computed by one primitive from its inputs.
 * Nodes compare by identity (graphs share sub-expressions), and every primitive checks its types when it is built,
 * so a malformed graph fails at construction with a message naming the operation.
 *
 * <p>The primitives: {@link Input} (a variable to bind and differentiate by), {@link Constant} (a global value),
 * {@link FieldConstant} (fixed per-site data such as a sub-lattice mask), {@link Add}, {@link Neg}, {@link Mul}
 * (real, complex, matrix product, scaling by a real or complex number, elementwise on vectors; a field and a global
 * combine into a field), {@link Shift} (value at x + k μ̂), {@link Sum} (field → global), {@link Broadcast}
 * (global → field), {@link Apply} (an elementwise {@link Fn} of reals or vectors), {@link Conj}, {@link Dagger},
 * {@link TracelessAntiHermitian}, {@link Trace}, {@link Re}, {@link Im}, {@link RealDot} (Σ of the products of the
 * components), {@link Component} (one component of a vector, complex number or matrix) and {@link Element} (one
 * entry of a matrix), {@link FromReals} (a vector or matrix from reals), {@link Inverse}, {@link LogAbsDet},
 * {@link ExpCoefficients} (the series of the Cayley–Hamilton exponential), the maxima {@link Max} and
 * {@link AtMax}, and the network primitives {@link Dense} (W x), {@link DenseT} (Wᵀ y), {@link Outer} (a bᵀ) and
 * {@link Conv} (a periodic convolution, which could be composed of shifts and dense layers but runs far faster as
 * one gather). Everything else (loops, staples, determinants, the matrix exponentials, GELU) is composed from these
 * in the methods below.
 *
 * <p>Each primitive is a class of its own holding its rules: the type check (in its constructor), the JVP rule
 * ({@link #jvp}) and, for the linear ones, the transpose rule ({@link #transpose}); {@link Autodiff} only walks the
 * graph. How a primitive is evaluated belongs to the backends (the executor's {@code SiteKernels}, the OpenCL
 * renderer), which switch over this sealed hierarchy, so a new primitive fails to compile until every backend has it.
 */
public abstract sealed class Node permits Leaf, Add, Neg, Mul, Shift, ShiftBy, Sum, Max,
        AtMax, Broadcast, Apply, Inverse, LogAbsDet, ExpCoefficients, FromReals, Unary, Binary, Conv {
    private static final AtomicLong COUNTER = new AtomicLong();
    private final Type type;
    private final long id = COUNTER.incrementAndGet();

    Node(Type type) {
        this.type = type;
    }

    public final Type type() {
        return type;
    }

    /** "op#id(operands)" with the operands named shallowly, so messages stay short for deep graphs. */
    final String shallow(String op) {
        StringBuilder b = new StringBuilder(op).append('#').append(id).append('(');
        List<Node> in = inputs();
        for (int i = 0; i < in.size(); i++) {
            Node n = in.get(i);
            b.append(i > 0 ? ", " : "").append(n.inputs().isEmpty() ? n.toString() : "#" + n.id);
        }
        return b.append(')').toString();
    }

    /** Creation order: inputs are always older than the nodes built on them. */
    final long id() {
        return id;
    }

    /** The operands of this primitive. */
    public abstract List<Node> inputs();

    /** The same primitive applied to other operands (of the same types); leaves return themselves. */
    abstract Node rebuild(List<Node> in);

    /**
     * The JVP rule: the tangent of this node as a graph linear in the tangents of its operands ({@code t}, in the
     * order of {@link #inputs()}, null where zero); null when the tangent is zero.
     */
    abstract Node jvp(List<Node> t);

    /**
     * The transpose rule of a primitive linear in the tangents: adds to the cotangents of its tangent operands the
     * adjoint of this node applied to the cotangent c. Nonlinear primitives never appear in a JVP graph's linear part.
     */
    void transpose(Node c, Cotangents ct) {
        throw new DslException("transpose: " + this + " is not linear in the tangents");
    }

    /** What a transpose rule sees: which nodes depend on the tangents, and where cotangents accumulate. */
    interface Cotangents {
        /** Whether n depends on the tangents (only such operands receive a cotangent). */
        boolean isLinear(Node n);

        /** Adds c to the cotangent of an operand (summed over the sites when the operand is a global value). */
        void add(Node operand, Node c);
    }

    // ---- construction ----------------------------------------------------------------------------------------

    /** A variable of the graph (a field or a scalar), bound to data at evaluation and differentiable. */
    public static Input input(String name, Type type) {
        return new Input(name, type);
    }

    /** A trainable weight (e.g. of a dense layer): an input like any other, bound to the current weights. */
    public static Input parameter(String name, Type type) {
        return new Input(name, type);
    }

    /**
     * The 0/1 mask of a sub-lattice: multiplying by it selects the sub-lattice's sites (others become 0), halo sites of
     * a slab included.
     */
    public static FieldConstant mask(org.fthmc.lattice.Lattice lattice, org.fthmc.lattice.SubLattice sites) {
        return mask("mask(" + sites.name() + ")", lattice, sites);
    }

    /** {@link #mask(org.fthmc.lattice.Lattice, org.fthmc.lattice.SubLattice)} under another name. */
    public static FieldConstant mask(String name, org.fthmc.lattice.Lattice lattice, org.fthmc.lattice.SubLattice sites) {
        double[] m = new double[lattice.sites()];
        int[] x = new int[lattice.dimensions()];
        for (int s = 0; s < m.length; s++) {
            lattice.coordinates(s, x);
            m[s] = sites.member().test(x) ? 1 : 0;
        }
        return new FieldConstant(name, Type.FIELD, m);
    }

    public static Constant constant(double value) {
        return new Constant(Type.SCALAR, new double[] {value});
    }

    /** A global constant of any type, given by its components. */
    public static Constant constant(Type type, double... components) {
        return new Constant(type, components);
    }

    /** The imaginary unit i. */
    public static Constant imaginaryUnit() {
        return constant(Type.complex(true), 0, 1);
    }

    /** The n×n identity matrix. */
    public static Constant identity(int n) {
        double[] m = new double[2 * n * n];
        for (int i = 0; i < n; i++) {
            m[2 * (i * n + i)] = 1;
        }
        return constant(Type.matrix(n, true), m);
    }

    /** The matrix with a single 1 at (i, j). */
    public static Constant matrixUnit(int n, int i, int j) {
        double[] m = new double[2 * n * n];
        m[2 * (i * n + j)] = 1;
        return constant(Type.matrix(n, true), m);
    }

    /** The unit k-vector e_i. */
    public static Constant basisVector(int k, int i) {
        double[] v = new double[k];
        v[i] = 1;
        return constant(Type.vector(k, true), v);
    }

    /** Fixed per-site real data (one double per site), e.g. a 0/1 mask of a sub-lattice. */
    public static FieldConstant fieldConstant(String name, double[] data) {
        return new FieldConstant(name, Type.FIELD, data);
    }

    /** Fixed per-site data of any type ({@code type.components()} doubles per site). */
    public static FieldConstant fieldConstant(String name, Type type, double[] data) {
        return new FieldConstant(name, type, data);
    }

    public Node plus(Node other) {
        return new Add(this, other);
    }

    public Node plus(double c) {
        if (c == 0) {
            return this;
        }
        return switch (type.kind()) {
            case REAL -> new Add(this, constant(c));
            case COMPLEX -> new Add(this, constant(Type.complex(true), c, 0));
            case VECTOR -> {
                double[] v = new double[type.n()];
                java.util.Arrays.fill(v, c);
                yield new Add(this, constant(Type.vector(type.n(), true), v));
            }
            case MATRIX -> throw new DslException("plus(" + c + ") of " + this + ": add a matrix, e.g. identity(n).times(c)");
        };
    }

    public Node minus(Node other) {
        return new Add(this, new Neg(other));
    }

    public Node negate() {
        return new Neg(this);
    }

    public Node times(Node other) {
        return new Mul(this, other);
    }

    public Node times(double c) {
        return c == 1 ? this : new Mul(this, constant(c));
    }

    public Node square() {
        return new Mul(this, this);
    }

    /** The value at x + k μ̂ (periodic); a field only. */
    public Node shift(int mu, int k) {
        return new Shift(this, mu, k);
    }

    /** Sum over all sites: a global scalar. */
    public Node sum() {
        return new Sum(this);
    }

    /**
     * The largest value of real fields over all their sites, a global scalar. Its derivative is the tangent at the
     * site (and field) holding the maximum; where several hold it, the mean of their tangents.
     */
    public static Node max(List<? extends Node> fields) {
        return new Max(List.copyOf(fields));
    }

    public Node sin() {
        return new Apply(this, Fn.SIN);
    }

    public Node cos() {
        return new Apply(this, Fn.COS);
    }

    public Node exp() {
        return new Apply(this, Fn.EXP);
    }

    public Node log() {
        return new Apply(this, Fn.LOG);
    }

    public Node log1p() {
        return new Apply(this, Fn.LOG1P);
    }

    public Node tanh() {
        return new Apply(this, Fn.TANH);
    }

    public Node atan() {
        return new Apply(this, Fn.ATAN);
    }

    public Node sqrt() {
        return new Apply(this, Fn.SQRT);
    }

    public Node recip() {
        return new Apply(this, Fn.RECIP);
    }

    /** 1 / (1 + e^{−x}). */
    public Node sigmoid() {
        return negate().exp().plus(1).recip();
    }

    /** x · sigmoid(x). */
    public Node swish() {
        return times(sigmoid());
    }

    /** GELU in its tanh form: ½ x (1 + tanh(√(2/π) (x + 0.044715 x³))). */
    public Node gelu() {
        Node inner = plus(square().times(this).times(0.044715)).times(Math.sqrt(2 / Math.PI));
        return times(0.5).times(inner.tanh().plus(1));
    }

    public Node conj() {
        return new Conj(this);
    }

    public Node dagger() {
        return new Dagger(this);
    }

    public Node trace() {
        return new Trace(this);
    }

    public Node re() {
        return new Re(this);
    }

    public Node im() {
        return new Im(this);
    }

    /** Σ_c a_c b_c per site: the real inner product of two values of the same shape (Re tr(A† B) for matrices). */
    public Node dot(Node other) {
        return new RealDot(this, other);
    }

    /** Component i of a vector, complex number or matrix, in storage order (re, im; matrices row-major). */
    public Node component(int i) {
        return new Component(this, i);
    }

    /** Entry (i, j) of a matrix. */
    public Node element(int i, int j) {
        return new Element(this, i, j);
    }

    /** W x with W a vector of out·in weights (row-major, out rows) and this an in-vector. */
    public Node dense(Node weights, int out) {
        return new Dense(weights, this, out);
    }

    /** Wᵀ y with W a vector of out·in weights (row-major) and this an out-vector: an in-vector. */
    public Node denseTransposed(Node weights, int in) {
        return new DenseT(weights, this, in);
    }

    /**
     * The periodic convolution Σ_o W_o h(x + δ_o) of this field of cols-vectors with global rows × cols weight
     * tensors, one per offset (see {@link Conv}); the offsets are D-vectors.
     */
    public Node conv(List<? extends Node> weights, int[][] offsets, int rows) {
        return new Conv(this, List.copyOf(weights), offsets, rows, type().n(), false);
    }

    /** a bᵀ for vectors a (this, m) and b (n), as a vector of m·n reals (row-major). */
    public Node outer(Node b) {
        return new Outer(this, b);
    }

    /** The vector (x_0, …, x_{k−1}) of real nodes. */
    public static Node stack(List<Node> reals) {
        return FromReals.filling(Type.vector(reals.size(), true), reals);
    }

    /** The n×n matrix with real entries m_ij = entries[i n + j] (real nodes, row-major) and imaginary parts 0. */
    public static Node realMatrix(int n, List<Node> entries) {
        return FromReals.filling(Type.matrix(n, true), entries);
    }

    /** TA(M) = ½(M − M†) − (1/2N) tr(M − M†)·1: the traceless anti-Hermitian part (docs/science.md §3.1). */
    public Node tracelessAntiHermitian() {
        return new TracelessAntiHermitian(this);
    }

    /** det M for n ≤ 3, by cofactors. */
    public Node det() {
        int n = matrixSize("det");
        return switch (n) {
            case 1 -> element(0, 0);
            case 2 -> element(0, 0).times(element(1, 1)).minus(element(0, 1).times(element(1, 0)));
            case 3 -> {
                Node d = null;
                for (int j = 0; j < 3; j++) {
                    Node minor = element(1, (j + 1) % 3).times(element(2, (j + 2) % 3))
                            .minus(element(1, (j + 2) % 3).times(element(2, (j + 1) % 3)));
                    Node term = element(0, j).times(minor);
                    d = d == null ? term : d.plus(term);
                }
                yield d;
            }
            default -> throw new DslException("det of " + this + ": implemented for n <= 3, got n = " + n);
        };
    }

    /** ln |det M| = ½ ln(Re² + Im²) of {@link #det()}. */
    public Node logAbsDet() {
        return new LogAbsDet(this);
    }

    /** M⁻¹ of an n×n complex matrix (any n; Gauss–Jordan with partial pivoting per site). */
    public Node inverse() {
        return new Inverse(this);
    }

    /**
     * e^M by scaling and squaring: the degree-12 Taylor polynomial of X = M/2^s squared s times (s = 4: accurate to
     * rounding for ‖M‖ ≲ 4, the range of HMC and smearing steps). The polynomial is evaluated by Paterson–Stockmeyer,
     * Σ_j X^{4j} (c_{4j} + c_{4j+1} X + c_{4j+2} X² + c_{4j+3} X³) with X², X³, X⁴ and two Horner steps in X⁴: 5
     * matrix products instead of Horner's 12 (9 with the squarings instead of 16), which every derivative of the
     * graph inherits. Composed of matrix products, so it differentiates like any graph.
     */
    public Node expm() {
        int n = matrixSize("expm");
        int squarings = 4;
        Node x = times(1.0 / (1 << squarings));
        Node[] powers = {identity(n), x, x.times(x), null};
        powers[3] = powers[2].times(x);
        Node x4 = powers[2].times(powers[2]);
        double[] c = new double[13];
        c[0] = 1;
        for (int k = 1; k <= 12; k++) {
            c[k] = c[k - 1] / k;
        }
        Node result = block(powers, c, 8).plus(x4.times(c[12]));
        for (int j = 1; j >= 0; j--) {
            result = block(powers, c, 4 * j).plus(x4.times(result));
        }
        for (int i = 0; i < squarings; i++) {
            result = result.times(result);
        }
        return result;
    }

    /**
     * e^Q for Q = TA(M) (the exponential map of SU(N)'s algebra: stout and HMC updates). For n = 2, 3 by
     * Cayley–Hamilton, e^Q = f0 + f1 H + f2 H² with H = −iQ and the f_j functions of s = ½ tr H² = ½ ⟨Q, Q⟩ and
     * t = det H = ⅓ tr H³ = ⅓ ⟨iQ, Q²⟩ ({@link ExpCoefficients}; the last form holds since Q† = −Q, exactly so for
     * TA's output): one matrix product, and two per derivative direction (dQ Q + Q dQ) instead of the eighteen of
     * {@link #expm}'s polynomial; to rounding for ‖Q‖ ≲ 4. Other n: {@code tracelessAntiHermitian().expm()}.
     */
    public Node expTracelessAntiHermitian() {
        int n = matrixSize("expTracelessAntiHermitian");
        Node q = tracelessAntiHermitian();
        if (n != 2 && n != 3) {
            return q.expm();
        }
        Node s = q.dot(q).times(0.5);
        Node q2 = n == 3 ? q.times(q) : null;
        List<Node> invariants = n == 3
                ? List.of(s, q.times(imaginaryUnit()).dot(q2).times(1.0 / 3))
                : List.of(s);
        Node f = new ExpCoefficients(n, 0, 0, invariants);
        // e^Q = f0 + f1 (−iQ) + f2 (−Q²)
        Node e = identity(n).times(complex(f.component(0), f.component(1)))
                .plus(q.times(complex(f.component(3), f.component(2).negate())));
        return n == 3 ? e.plus(q2.times(complex(f.component(4).negate(), f.component(5).negate()))) : e;
    }

    /** re + i·im from two reals. */
    private static Node complex(Node re, Node im) {
        return re.times(constant(Type.complex(true), 1, 0)).plus(im.times(imaginaryUnit()));
    }

    /** c_k 1 + c_{k+1} X + c_{k+2} X² + c_{k+3} X³ from the powers 1, X, X², X³. */
    private static Node block(Node[] powers, double[] c, int k) {
        Node sum = powers[0].times(c[k]);
        for (int p = 1; p < 4; p++) {
            sum = sum.plus(powers[p].times(c[k + p]));
        }
        return sum;
    }

    private int matrixSize(String op) {
        if (type.kind() != Type.Kind.MATRIX) {
            throw new DslException(op + " of " + this + ": needs a matrix, got a " + type);
        }
        return type.n();
    }

    /**
     * x read at x + δ in the fewest nodes: x itself when δ = 0, a {@link Shift} along one direction, else a
     * {@link ShiftBy}.
     */
    static Node readAt(Node x, int[] delta) {
        int length = delta.length;
        while (length > 0 && delta[length - 1] == 0) {
            length--;
        }
        int directions = 0;
        int last = -1;
        for (int mu = 0; mu < length; mu++) {
            if (delta[mu] != 0) {
                directions++;
                last = mu;
            }
        }
        if (directions == 0) {
            return x;
        }
        return directions == 1 ? new Shift(x, last, delta[last]) : new ShiftBy(x, java.util.Arrays.copyOf(delta, length));
    }

    static Node checked(String op, Node a) {
        if (a == null) {
            throw new DslException(op + ": operand is null");
        }
        return a;
    }

    static Node kinds(String op, Node a, Type.Kind... allowed) {
        checked(op, a);
        for (Type.Kind k : allowed) {
            if (a.type().kind() == k) {
                return a;
            }
        }
        throw new DslException(op + "(" + a + "): not defined for a " + a.type());
    }

    static Type sameShape(String op, Node a, Node b) {
        checked(op, a);
        checked(op, b);
        if (!a.type().sameShape(b.type())) {
            throw new DslException(op + ": " + a + " is a " + a.type() + ", " + b + " a " + b.type());
        }
        return a.type().withGlobal(a.type().global() && b.type().global());
    }
}
