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
 * {@link Trace}, {@link Re}, {@link Im}, {@link RealDot} (Σ of the products of the components), {@link Component}
 * and {@link Element} (one entry of a vector or matrix), and the network primitives {@link Dense} (W x),
 * {@link DenseT} (Wᵀ y), {@link Outer} (a bᵀ) and {@link Conv} (a periodic convolution, which could be composed of
 * shifts and dense layers but runs far faster as one gather). Everything else (loops, staples, TA projection,
 * determinants, the matrix exponential, GELU) is composed from these in the methods below.
 */
public abstract sealed class Node permits Node.Input, Node.Constant, Node.FieldConstant, Node.Add, Node.Neg, Node.Mul,
        Node.Shift, Node.ShiftBy, Node.Sum, Node.Max, Node.AtMax, Node.Broadcast, Node.Apply, Node.Inverse, Node.LogAbsDet, Node.Unary,
        Node.Binary, Node.Conv {
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

    // ---- construction ----------------------------------------------------------------------------------------

    /** A variable of the graph (a field or a scalar), bound to data at evaluation and differentiable. */
    public static Input input(String name, Type type) {
        return new Input(name, type);
    }

    /** A trainable weight (e.g. of a dense layer): an input like any other, bound to the current weights. */
    public static Input parameter(String name, Type type) {
        return new Input(name, type);
    }

    /** The 0/1 mask of a sub-lattice: multiplying by it selects the sub-lattice's sites (others become 0). */
    public static FieldConstant mask(org.fthmc.lattice.Lattice lattice, org.fthmc.lattice.SubLattice sites) {
        double[] m = new double[lattice.volume()];
        for (int x : sites.sites()) {
            m[x] = 1;
        }
        return new FieldConstant("mask(" + sites.name() + ")", Type.FIELD, m);
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

    /** Component i of a vector. */
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
        Node v = null;
        for (int i = 0; i < reals.size(); i++) {
            Node term = reals.get(i).times(basisVector(reals.size(), i));
            v = v == null ? term : v.plus(term);
        }
        return v;
    }

    /** TA(M) = ½(M − M†) − (1/2N) tr(M − M†)·1: the traceless anti-Hermitian part (docs/science.md §3.1). */
    public Node tracelessAntiHermitian() {
        int n = matrixSize("tracelessAntiHermitian");
        Node a = minus(dagger());
        return a.times(0.5).minus(a.trace().times(1.0 / (2 * n)).times(identity(n)));
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
     * e^M by scaling and squaring: a degree-12 Taylor polynomial of M/2^s squared s times (s = 4: accurate to
     * rounding for ‖M‖ ≲ 4, the range of HMC and smearing steps). Composed of matrix products, so it differentiates
     * like any graph.
     */
    public Node expm() {
        int n = matrixSize("expm");
        int squarings = 4;
        Node x = times(1.0 / (1 << squarings));
        Node result = identity(n);
        for (int k = 12; k >= 1; k--) {
            result = identity(n).plus(x.times(result).times(1.0 / k));
        }
        for (int i = 0; i < squarings; i++) {
            result = result.times(result);
        }
        return result;
    }

    private int matrixSize(String op) {
        if (type.kind() != Type.Kind.MATRIX) {
            throw new DslException(op + " of " + this + ": needs a matrix, got a " + type);
        }
        return type.n();
    }

    // ---- the primitives --------------------------------------------------------------------------------------

    /** A named variable. */
    public static final class Input extends Node {
        private final String name;

        Input(String name, Type type) {
            super(type);
            this.name = name;
        }

        public String name() {
            return name;
        }

        @Override
        public List<Node> inputs() {
            return List.of();
        }

        @Override
        Node rebuild(List<Node> in) {
            return this;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** A global constant. */
    public static final class Constant extends Node {
        private final double[] value;

        Constant(Type type, double[] value) {
            super(type);
            if (!type.global() || value.length != type.components()) {
                throw new DslException("constant: a " + type + " needs " + type.components() + " components, got " + value.length);
            }
            this.value = value.clone();
        }

        /** The components; read only. */
        public double[] value() {
            return value;
        }

        @Override
        public List<Node> inputs() {
            return List.of();
        }

        @Override
        Node rebuild(List<Node> in) {
            return this;
        }

        @Override
        public String toString() {
            return value.length == 1 ? Double.toString(value[0]) : value.length <= 4 ? java.util.Arrays.toString(value) : "constant " + type();
        }
    }

    /** Fixed per-site data; not differentiable. */
    public static final class FieldConstant extends Node {
        private final String name;
        private final double[] data;

        FieldConstant(String name, Type type, double[] data) {
            super(type);
            if (type.global()) {
                throw new DslException("fieldConstant " + name + ": needs a field type, got " + type);
            }
            this.name = name;
            this.data = data.clone();
        }

        /** The data; read only. */
        public double[] data() {
            return data;
        }

        @Override
        public List<Node> inputs() {
            return List.of();
        }

        @Override
        Node rebuild(List<Node> in) {
            return this;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** a + b, of the same shape (a global operand is broadcast over the sites of a field operand). */
    public static final class Add extends Node {
        private final Node a;
        private final Node b;

        Add(Node a, Node b) {
            super(sameShape("plus", a, b));
            this.a = a;
            this.b = b;
        }

        @Override
        public List<Node> inputs() {
            return List.of(a, b);
        }

        @Override
        Node rebuild(List<Node> in) {
            return new Add(in.get(0), in.get(1));
        }

        @Override
        public String toString() {
            return shallow("plus");
        }
    }

    /** −a. */
    public static final class Neg extends Node {
        private final Node a;

        Neg(Node a) {
            super(checked("negate", a).type());
            this.a = a;
        }

        @Override
        public List<Node> inputs() {
            return List.of(a);
        }

        @Override
        Node rebuild(List<Node> in) {
            return new Neg(in.get(0));
        }

        @Override
        public String toString() {
            return shallow("negate");
        }
    }

    /** a · b: real or complex product, matrix product, scaling by a real or complex number, or elementwise on vectors. */
    public static final class Mul extends Node {
        private final Node a;
        private final Node b;

        Mul(Node a, Node b) {
            super(productType(a, b));
            this.a = a;
            this.b = b;
        }

        @Override
        public List<Node> inputs() {
            return List.of(a, b);
        }

        @Override
        Node rebuild(List<Node> in) {
            return new Mul(in.get(0), in.get(1));
        }

        @Override
        public String toString() {
            return shallow("times");
        }
    }

    /** A node that reads its one operand at another site, x + δ: {@link Shift} and {@link ShiftBy}. */
    public sealed interface OffsetRead permits Shift, ShiftBy {
        /** δ as a D-vector (a fresh array; trailing directions may be left out). */
        int[] displacement();

        /** The field read. */
        Node operand();
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

    /** The field's value at x + k μ̂. */
    public static final class Shift extends Node implements OffsetRead {
        private final Node a;
        private final int mu;
        private final int k;

        Shift(Node a, int mu, int k) {
            super(checked("shift", a).type());
            if (a.type().global()) {
                throw new DslException("shift(" + mu + ", " + k + ") of " + a + ": cannot shift a global scalar");
            }
            if (mu < 0) {
                throw new DslException("shift(" + mu + ", " + k + ") of " + a + ": direction must be >= 0");
            }
            this.a = a;
            this.mu = mu;
            this.k = k;
        }

        public int mu() {
            return mu;
        }

        public int k() {
            return k;
        }

        @Override
        public int[] displacement() {
            int[] e = new int[mu + 1];
            e[mu] = k;
            return e;
        }

        @Override
        public Node operand() {
            return a;
        }

        @Override
        public List<Node> inputs() {
            return List.of(a);
        }

        @Override
        Node rebuild(List<Node> in) {
            return new Shift(in.get(0), mu, k);
        }

        @Override
        public String toString() {
            return shallow("shift(" + mu + "," + k + ")");
        }
    }

    /**
     * The field's value at x + δ for a D-vector δ: what a chain of shifts along several directions reads, in one
     * read (one step, through one site table) instead of one step per shift. Made by merging common
     * sub-expressions ({@link CommonSubexpressions}) from such chains; a single-direction shift stays a {@link Shift}.
     */
    public static final class ShiftBy extends Node implements OffsetRead {
        private final Node a;
        private final int[] offset;

        ShiftBy(Node a, int[] offset) {
            super(checked("shiftBy", a).type());
            if (a.type().global()) {
                throw new DslException("shiftBy(" + java.util.Arrays.toString(offset) + ") of " + a + ": cannot shift a global scalar");
            }
            this.a = a;
            this.offset = offset.clone();
        }

        /** δ (a copy). */
        public int[] offset() {
            return offset.clone();
        }

        @Override
        public int[] displacement() {
            return offset();
        }

        @Override
        public Node operand() {
            return a;
        }

        /** The same read at −δ (the transpose of this one). */
        ShiftBy reversed(Node c) {
            return new ShiftBy(c, java.util.Arrays.stream(offset).map(k -> -k).toArray());
        }

        @Override
        public List<Node> inputs() {
            return List.of(a);
        }

        @Override
        Node rebuild(List<Node> in) {
            return new ShiftBy(in.get(0), offset);
        }

        @Override
        public String toString() {
            return shallow("shiftBy" + java.util.Arrays.toString(offset));
        }
    }

    /** Σ_x a(x): a global scalar. */
    public static final class Sum extends Node {
        private final Node a;

        Sum(Node a) {
            super(checked("sum", a).type().withGlobal(true));
            if (a.type().global()) {
                throw new DslException("sum() of " + a + ": already a global scalar");
            }
            this.a = a;
        }

        @Override
        public List<Node> inputs() {
            return List.of(a);
        }

        @Override
        Node rebuild(List<Node> in) {
            return new Sum(in.get(0));
        }

        @Override
        public String toString() {
            return shallow("sum");
        }
    }

    /** The largest value of real fields over all their sites (see {@link #max(List)}); a reduction, like a sum. */
    public static final class Max extends Node {
        private final List<Node> fields;

        Max(List<Node> fields) {
            super(Type.SCALAR);
            if (fields.isEmpty()) {
                throw new DslException("max: no fields");
            }
            for (Node f : fields) {
                if (!checked("max", f).type().equals(Type.FIELD)) {
                    throw new DslException("max of " + f + ": needs real fields, got a " + f.type());
                }
            }
            this.fields = fields;
        }

        @Override
        public List<Node> inputs() {
            return fields;
        }

        @Override
        Node rebuild(List<Node> in) {
            return new Max(List.copyOf(in));
        }

        @Override
        public String toString() {
            return shallow("max");
        }
    }

    /**
     * 1 where the real field equals the global value m (its maximum, in the derivative of {@link Max}), else 0.
     * Piecewise constant: its derivative is zero.
     */
    public static final class AtMax extends Node {
        private final Node field;
        private final Node max;

        AtMax(Node field, Node max) {
            super(Type.FIELD);
            if (!field.type().equals(Type.FIELD) || !max.type().equals(Type.SCALAR)) {
                throw new DslException("atMax(" + field + ", " + max + "): needs a real field and a global real");
            }
            this.field = field;
            this.max = max;
        }

        @Override
        public List<Node> inputs() {
            return List.of(field, max);
        }

        @Override
        Node rebuild(List<Node> in) {
            return new AtMax(in.get(0), in.get(1));
        }

        @Override
        public String toString() {
            return shallow("atMax");
        }
    }

    /** The scalar a on every site. */
    public static final class Broadcast extends Node {
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
        public String toString() {
            return shallow("broadcast");
        }
    }

    /** f(a) elementwise. */
    public static final class Apply extends Node {
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
        public String toString() {
            return shallow(fn.op());
        }
    }

    /** M⁻¹: a matrix (nonlinear; its JVP is −M⁻¹ dM M⁻¹). */
    public static final class Inverse extends Node {
        private final Node a;

        Inverse(Node a) {
            super(kinds("inverse", a, Type.Kind.MATRIX).type());
            this.a = a;
        }

        @Override
        public List<Node> inputs() {
            return List.of(a);
        }

        @Override
        Node rebuild(List<Node> in) {
            return new Inverse(in.get(0));
        }

        @Override
        public String toString() {
            return shallow("inverse");
        }
    }

    /** ln|det M| of an n×n complex matrix (any n; LU with partial pivoting per site): a real (JVP Re tr(M⁻¹ dM)). */
    public static final class LogAbsDet extends Node {
        private final Node a;

        LogAbsDet(Node a) {
            super(kinds("logAbsDet", a, Type.Kind.MATRIX).type().global() ? Type.SCALAR : Type.FIELD);
            this.a = a;
        }

        @Override
        public List<Node> inputs() {
            return List.of(a);
        }

        @Override
        Node rebuild(List<Node> in) {
            return new LogAbsDet(in.get(0));
        }

        @Override
        public String toString() {
            return shallow("logAbsDet");
        }
    }

    /** A linear map of one operand (conjugate, dagger, trace, real or imaginary part, one component). */
    abstract static sealed class Unary extends Node permits Conj, Dagger, Trace, Re, Im, Component, Element {
        private final Node a;

        Unary(Type type, Node a) {
            super(type);
            this.a = a;
        }

        @Override
        public final List<Node> inputs() {
            return List.of(a);
        }
    }

    /** Complex conjugate of a complex number or (entrywise) of a matrix. */
    public static final class Conj extends Unary {
        Conj(Node a) {
            super(kinds("conj", a, Type.Kind.COMPLEX, Type.Kind.MATRIX).type(), a);
        }

        @Override
        Node rebuild(List<Node> in) {
            return new Conj(in.get(0));
        }

        @Override
        public String toString() {
            return shallow("conj");
        }
    }

    /** M†. */
    public static final class Dagger extends Unary {
        Dagger(Node a) {
            super(kinds("dagger", a, Type.Kind.MATRIX).type(), a);
        }

        @Override
        Node rebuild(List<Node> in) {
            return new Dagger(in.get(0));
        }

        @Override
        public String toString() {
            return shallow("dagger");
        }
    }

    /** tr M: a complex number. */
    public static final class Trace extends Unary {
        Trace(Node a) {
            super(Type.complex(kinds("trace", a, Type.Kind.MATRIX).type().global()), a);
        }

        @Override
        Node rebuild(List<Node> in) {
            return new Trace(in.get(0));
        }

        @Override
        public String toString() {
            return shallow("trace");
        }
    }

    /** Re z: a real number. */
    public static final class Re extends Unary {
        Re(Node a) {
            super(kinds("re", a, Type.Kind.COMPLEX).type().global() ? Type.SCALAR : Type.FIELD, a);
        }

        @Override
        Node rebuild(List<Node> in) {
            return new Re(in.get(0));
        }

        @Override
        public String toString() {
            return shallow("re");
        }
    }

    /** Im z: a real number. */
    public static final class Im extends Unary {
        Im(Node a) {
            super(kinds("im", a, Type.Kind.COMPLEX).type().global() ? Type.SCALAR : Type.FIELD, a);
        }

        @Override
        Node rebuild(List<Node> in) {
            return new Im(in.get(0));
        }

        @Override
        public String toString() {
            return shallow("im");
        }
    }

    /** Component i of a vector: a real number. */
    public static final class Component extends Unary {
        private final int i;

        Component(Node a, int i) {
            super(kinds("component", a, Type.Kind.VECTOR).type().global() ? Type.SCALAR : Type.FIELD, a);
            if (i < 0 || i >= a.type().n()) {
                throw new DslException("component(" + i + ") of " + a + ": index out of 0.." + (a.type().n() - 1));
            }
            this.i = i;
        }

        public int index() {
            return i;
        }

        @Override
        Node rebuild(List<Node> in) {
            return new Component(in.get(0), i);
        }

        @Override
        public String toString() {
            return shallow("component(" + i + ")");
        }
    }

    /** Entry (i, j) of a matrix: a complex number. */
    public static final class Element extends Unary {
        private final int i;
        private final int j;

        Element(Node a, int i, int j) {
            super(Type.complex(kinds("element", a, Type.Kind.MATRIX).type().global()), a);
            int n = a.type().n();
            if (i < 0 || j < 0 || i >= n || j >= n) {
                throw new DslException("element(" + i + ", " + j + ") of " + a + ": index out of 0.." + (n - 1));
            }
            this.i = i;
            this.j = j;
        }

        public int row() {
            return i;
        }

        public int column() {
            return j;
        }

        @Override
        Node rebuild(List<Node> in) {
            return new Element(in.get(0), i, j);
        }

        @Override
        public String toString() {
            return shallow("element(" + i + "," + j + ")");
        }
    }

    /** A bilinear map of two operands (real inner product, dense layers, outer product). */
    abstract static sealed class Binary extends Node permits RealDot, Dense, DenseT, Outer {
        private final Node a;
        private final Node b;

        Binary(Type type, Node a, Node b) {
            super(type);
            this.a = a;
            this.b = b;
        }

        @Override
        public final List<Node> inputs() {
            return List.of(a, b);
        }
    }

    /** Σ_c a_c b_c per site: a real number. */
    public static final class RealDot extends Binary {
        RealDot(Node a, Node b) {
            super(sameShape("dot", a, b).global() ? Type.SCALAR : Type.FIELD, a, b);
        }

        @Override
        Node rebuild(List<Node> in) {
            return new RealDot(in.get(0), in.get(1));
        }

        @Override
        public String toString() {
            return shallow("dot");
        }
    }

    /** W x: W a vector of out·in weights (row-major), x an in-vector; the result an out-vector. */
    public static final class Dense extends Binary {
        private final int out;

        Dense(Node weights, Node x, int out) {
            super(Type.vector(out, weights.type().global() && x.type().global()), weights, x);
            checkLayer("dense", weights, x, out, x.type().n());
            this.out = out;
        }

        public int out() {
            return out;
        }

        @Override
        Node rebuild(List<Node> in) {
            return new Dense(in.get(0), in.get(1), out);
        }

        @Override
        public String toString() {
            return shallow("dense");
        }
    }

    /** Wᵀ y: W a vector of out·in weights (row-major), y an out-vector; the result an in-vector. */
    public static final class DenseT extends Binary {
        private final int in;

        DenseT(Node weights, Node y, int in) {
            super(Type.vector(in, weights.type().global() && y.type().global()), weights, y);
            checkLayer("denseTransposed", weights, y, y.type().n(), in);
            this.in = in;
        }

        public int in() {
            return in;
        }

        @Override
        Node rebuild(List<Node> in) {
            return new DenseT(in.get(0), in.get(1), this.in);
        }

        @Override
        public String toString() {
            return shallow("denseTransposed");
        }
    }

    /** a bᵀ as a vector of m·n reals (row-major), for vectors a (m) and b (n). */
    public static final class Outer extends Binary {
        Outer(Node a, Node b) {
            super(Type.vector(kinds("outer", a, Type.Kind.VECTOR).type().n() * kinds("outer", b, Type.Kind.VECTOR).type().n(),
                    a.type().global() && b.type().global()), a, b);
        }

        @Override
        Node rebuild(List<Node> in) {
            return new Outer(in.get(0), in.get(1));
        }

        @Override
        public String toString() {
            return shallow("outer");
        }
    }

    /**
     * A periodic convolution (correlation) of a field of vectors: y(x) = Σ_o M_o h(x + δ_o) over the offsets δ_o,
     * with M_o the global rows × cols weight tensor of offset o (row-major), or its transpose. Linear in h and in each
     * M_o: its JVP is the convolution of the tangent of h plus Σ_o (tangent of M_o) h(x + δ_o) (shifts and dense
     * layers); its transpose in h is the convolution with the transposed tensors at the opposite offsets. One
     * primitive instead of a shift, a dense layer and an addition per offset, so the executor gathers each neighbour
     * once and keeps nothing in between. Operands: h, then the tensors in the order of the offsets.
     */
    public static final class Conv extends Node {
        private final Node h;
        private final List<Node> weights;
        private final int[][] offsets;
        private final int rows;
        private final int cols;
        private final boolean transposed;

        Conv(Node h, List<Node> weights, int[][] offsets, int rows, int cols, boolean transposed) {
            super(Type.vector(transposed ? cols : rows, false));
            kinds("conv", h, Type.Kind.VECTOR);
            if (h.type().global() || h.type().n() != (transposed ? rows : cols)) {
                throw new DslException("conv(" + h + "): needs a field of " + (transposed ? rows : cols) + "-vectors, got a " + h.type());
            }
            if (offsets.length == 0 || offsets.length != weights.size()) {
                throw new DslException("conv(" + h + "): " + weights.size() + " weight tensors for " + offsets.length + " offsets");
            }
            for (Node w : weights) {
                kinds("conv", w, Type.Kind.VECTOR);
                if (!w.type().global() || w.type().n() != rows * cols) {
                    throw new DslException("conv(" + h + "): weight tensor " + w + " is a " + w.type() + ", not a global "
                            + rows + "x" + cols + " tensor");
                }
            }
            this.h = h;
            this.weights = List.copyOf(weights);
            this.offsets = new int[offsets.length][];
            for (int o = 0; o < offsets.length; o++) {
                this.offsets[o] = offsets[o].clone();
            }
            this.rows = rows;
            this.cols = cols;
            this.transposed = transposed;
        }

        /** The offsets δ_o (copies). */
        public int[][] offsets() {
            int[][] copy = new int[offsets.length][];
            for (int o = 0; o < offsets.length; o++) {
                copy[o] = offsets[o].clone();
            }
            return copy;
        }

        public int rows() {
            return rows;
        }

        public int cols() {
            return cols;
        }

        public boolean transposed() {
            return transposed;
        }

        /** The field operand h. */
        public Node field() {
            return h;
        }

        /** The weight tensors, in the order of the offsets. */
        public List<Node> weights() {
            return weights;
        }

        /** The same convolution of another field. */
        Conv of(Node field) {
            return new Conv(field, weights, offsets, rows, cols, transposed);
        }

        /** The transpose in h: y(x) = Σ_o M_oᵀ c(x − δ_o). */
        Conv adjoint(Node c) {
            int[][] back = new int[offsets.length][];
            for (int o = 0; o < offsets.length; o++) {
                back[o] = new int[offsets[o].length];
                for (int mu = 0; mu < back[o].length; mu++) {
                    back[o][mu] = -offsets[o][mu];
                }
            }
            return new Conv(c, weights, back, rows, cols, !transposed);
        }

        /** h(x + δ_o) as shifts. */
        Node shifted(Node field, int o) {
            Node s = field;
            for (int mu = 0; mu < offsets[o].length; mu++) {
                if (offsets[o][mu] != 0) {
                    s = s.shift(mu, offsets[o][mu]);
                }
            }
            return s;
        }

        @Override
        public List<Node> inputs() {
            List<Node> in = new java.util.ArrayList<>();
            in.add(h);
            in.addAll(weights);
            return in;
        }

        @Override
        Node rebuild(List<Node> in) {
            return new Conv(in.getFirst(), in.subList(1, in.size()), offsets, rows, cols, transposed);
        }

        @Override
        public String toString() {
            return shallow("conv(" + java.util.Arrays.deepToString(offsets) + "," + rows + "x" + cols + (transposed ? ",T" : "") + ")");
        }
    }

    private static void checkLayer(String op, Node weights, Node x, int out, int in) {
        kinds(op, weights, Type.Kind.VECTOR);
        kinds(op, x, Type.Kind.VECTOR);
        if (out < 1 || weights.type().n() != out * in) {
            throw new DslException(op + "(" + weights + ", " + x + "): " + weights.type().n() + " weights do not make an "
                    + out + "x" + in + " layer");
        }
    }

    private static Node checked(String op, Node a) {
        if (a == null) {
            throw new DslException(op + ": operand is null");
        }
        return a;
    }

    private static Node kinds(String op, Node a, Type.Kind... allowed) {
        checked(op, a);
        for (Type.Kind k : allowed) {
            if (a.type().kind() == k) {
                return a;
            }
        }
        throw new DslException(op + "(" + a + "): not defined for a " + a.type());
    }

    private static Type sameShape(String op, Node a, Node b) {
        checked(op, a);
        checked(op, b);
        if (!a.type().sameShape(b.type())) {
            throw new DslException(op + ": " + a + " is a " + a.type() + ", " + b + " a " + b.type());
        }
        return a.type().withGlobal(a.type().global() && b.type().global());
    }

    /** The type of a · b, or an error naming both operands. */
    private static Type productType(Node a, Node b) {
        checked("times", a);
        checked("times", b);
        Type ta = a.type();
        Type tb = b.type();
        boolean global = ta.global() && tb.global();
        Type.Kind ka = ta.kind();
        Type.Kind kb = tb.kind();
        Type shape;
        if (ka == Type.Kind.REAL) {
            shape = tb;
        } else if (kb == Type.Kind.REAL) {
            shape = ta;
        } else if (ka == Type.Kind.COMPLEX && (kb == Type.Kind.COMPLEX || kb == Type.Kind.MATRIX)) {
            shape = tb;
        } else if (kb == Type.Kind.COMPLEX && ka == Type.Kind.MATRIX) {
            shape = ta;
        } else if ((ka == Type.Kind.MATRIX || ka == Type.Kind.VECTOR) && ta.sameShape(tb)) {
            shape = ta;
        } else {
            throw new DslException("times: cannot multiply " + a + " (a " + ta + ") by " + b + " (a " + tb + ")");
        }
        return shape.withGlobal(global);
    }
}
