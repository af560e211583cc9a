package org.fthmc.dsl;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A node of a DSL expression graph: an immutable value of a {@link Type} computed by one primitive from its inputs.
 * Nodes compare by identity (graphs share sub-expressions), and every primitive checks its types when it is built,
 * so a malformed graph fails at construction with a message naming the operation.
 *
 * <p>The primitives: {@link Input} (a variable to bind and differentiate by), {@link Constant} (a global number),
 * {@link FieldConstant} (fixed per-site data such as a sub-lattice mask), {@link Add}, {@link Neg}, {@link Mul}
 * (elementwise; a field and a scalar combine into a field), {@link Shift} (value at x + k μ̂), {@link Sum} (field →
 * global scalar), {@link Broadcast} (scalar → field) and {@link Apply} (an elementwise {@link Fn}). Everything else
 * (loops, staples, losses, GELU) is composed from these in the fluent methods below.
 */
public abstract sealed class Node permits Node.Input, Node.Constant, Node.FieldConstant, Node.Add, Node.Neg, Node.Mul,
        Node.Shift, Node.Sum, Node.Broadcast, Node.Apply {
    private static final AtomicLong COUNTER = new AtomicLong();
    private final Type type;
    private final long id = COUNTER.incrementAndGet();

    Node(Type type) {
        this.type = type;
    }

    public final Type type() {
        return type;
    }

    /** Creation order: inputs are always older than the nodes built on them. */
    final long id() {
        return id;
    }

    /** The operands of this primitive. */
    public abstract List<Node> inputs();

    // ---- construction ----------------------------------------------------------------------------------------

    /** A variable of the graph (a field or a scalar), bound to data at evaluation and differentiable. */
    public static Input input(String name, Type type) {
        return new Input(name, type);
    }

    public static Constant constant(double value) {
        return new Constant(value);
    }

    /** Fixed per-site data (one double per site), e.g. a 0/1 mask of a sub-lattice. */
    public static FieldConstant fieldConstant(String name, double[] data) {
        return new FieldConstant(name, data);
    }

    public Node plus(Node other) {
        return new Add(this, other);
    }

    public Node plus(double c) {
        return c == 0 ? this : new Add(this, constant(c));
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
        public String toString() {
            return name;
        }
    }

    /** A global real constant. */
    public static final class Constant extends Node {
        private final double value;

        Constant(double value) {
            super(Type.SCALAR);
            this.value = value;
        }

        public double value() {
            return value;
        }

        @Override
        public List<Node> inputs() {
            return List.of();
        }

        @Override
        public String toString() {
            return Double.toString(value);
        }
    }

    /** Fixed per-site data; not differentiable. */
    public static final class FieldConstant extends Node {
        private final String name;
        private final double[] data;

        FieldConstant(String name, double[] data) {
            super(Type.FIELD);
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
        public String toString() {
            return name;
        }
    }

    /** a + b (a scalar operand is broadcast over the sites of a field operand). */
    public static final class Add extends Node {
        private final Node a;
        private final Node b;

        Add(Node a, Node b) {
            super(combined("plus", a, b));
            this.a = a;
            this.b = b;
        }

        @Override
        public List<Node> inputs() {
            return List.of(a, b);
        }

        @Override
        public String toString() {
            return "(" + a + " + " + b + ")";
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
        public String toString() {
            return "-" + a;
        }
    }

    /** a · b elementwise (a scalar operand is broadcast over the sites of a field operand). */
    public static final class Mul extends Node {
        private final Node a;
        private final Node b;

        Mul(Node a, Node b) {
            super(combined("times", a, b));
            this.a = a;
            this.b = b;
        }

        @Override
        public List<Node> inputs() {
            return List.of(a, b);
        }

        @Override
        public String toString() {
            return a + "*" + b;
        }
    }

    /** The field's value at x + k μ̂. */
    public static final class Shift extends Node {
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
        public List<Node> inputs() {
            return List.of(a);
        }

        @Override
        public String toString() {
            return a + ".shift(" + mu + "," + k + ")";
        }
    }

    /** Σ_x a(x): a global scalar. */
    public static final class Sum extends Node {
        private final Node a;

        Sum(Node a) {
            super(Type.SCALAR);
            if (checked("sum", a).type().global()) {
                throw new DslException("sum() of " + a + ": already a global scalar");
            }
            this.a = a;
        }

        @Override
        public List<Node> inputs() {
            return List.of(a);
        }

        @Override
        public String toString() {
            return "sum(" + a + ")";
        }
    }

    /** The scalar a on every site. */
    public static final class Broadcast extends Node {
        private final Node a;

        Broadcast(Node a) {
            super(Type.FIELD);
            if (!checked("broadcast", a).type().global()) {
                throw new DslException("broadcast() of " + a + ": needs a global scalar");
            }
            this.a = a;
        }

        @Override
        public List<Node> inputs() {
            return List.of(a);
        }

        @Override
        public String toString() {
            return "broadcast(" + a + ")";
        }
    }

    /** f(a) elementwise. */
    public static final class Apply extends Node {
        private final Node a;
        private final Fn fn;

        Apply(Node a, Fn fn) {
            super(checked(fn.op(), a).type());
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
        public String toString() {
            return fn.op() + "(" + a + ")";
        }
    }

    private static Node checked(String op, Node a) {
        if (a == null) {
            throw new DslException(op + ": operand is null");
        }
        return a;
    }

    private static Type combined(String op, Node a, Node b) {
        checked(op, a);
        checked(op, b);
        return a.type().global() && b.type().global() ? Type.SCALAR : Type.FIELD;
    }
}
