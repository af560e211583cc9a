package org.fthmc.dsl;

import static org.fthmc.dsl.DslTesting.dot;
import static org.fthmc.dsl.DslTesting.eval;
import static org.fthmc.dsl.DslTesting.finiteDifference;
import static org.fthmc.dsl.DslTesting.random;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.fthmc.lattice.Lattice;

/**
 * Every primitive's JVP against finite differences, and its VJP against its JVP (the dot-product test), as jqwik
 * properties generated exhaustively over (primitive, seed of the random inputs).
 */
class AutodiffTest {
    private static final Lattice LATTICE = new Lattice(3, 4);
    private static final Input X = Node.input("x", Type.FIELD);
    private static final Input Y = Node.input("y", Type.FIELD);
    private static final Input S = Node.input("s", Type.SCALAR);
    private static final Input Z = Node.input("z", Type.complex(false));
    private static final Input A = Node.input("A", Type.matrix(3, false));
    private static final Input B = Node.input("B", Type.matrix(3, false));
    private static final Input C = Node.input("C", Type.matrix(2, false));
    private static final Input V = Node.input("v", Type.vector(3, false));
    private static final Input W = Node.input("W", Type.vector(6, true));
    private static final Input Q = Node.input("q", Type.complex(true));
    private static final List<Input> INPUTS = List.of(X, Y, S, Z, A, B, C, V, W, Q);

    /** A named graph of the inputs (x, y, s, z, A, B, C, v, W, q); arguments of log, sqrt and recip stay positive. */
    record Case(String name, Function<List<Input>, Node> graph) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> primitives() {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("add", in -> in.get(0).plus(in.get(1))));
        cases.add(new Case("add scalar", in -> in.get(0).plus(in.get(2))));
        cases.add(new Case("negate", in -> in.get(0).negate()));
        cases.add(new Case("times", in -> in.get(0).times(in.get(1))));
        cases.add(new Case("times scalar", in -> in.get(0).times(in.get(2))));
        cases.add(new Case("square", in -> in.get(0).square()));
        cases.add(new Case("shift +1", in -> in.get(0).shift(1, 1)));
        cases.add(new Case("shift -2", in -> in.get(0).shift(0, -2)));
        cases.add(new Case("sum", in -> in.get(0).times(in.get(1)).sum()));
        cases.add(new Case("broadcast", in -> new Broadcast(in.get(2).times(in.get(2))).times(in.get(0))));
        cases.add(new Case("masked", in -> in.get(0).times(Node.fieldConstant("mask", mask()))));
        for (Fn fn : Fn.values()) {
            cases.add(new Case(fn.op(), in -> new Apply(positiveFor(fn, in.get(0)), fn)));
        }
        cases.add(new Case("gelu", in -> in.get(0).gelu()));
        cases.add(new Case("swish", in -> in.get(0).swish()));
        cases.add(new Case("scalar chain", in -> in.get(2).times(in.get(2)).sin().plus(in.get(0).sum())));
        cases.add(new Case("complex product", in -> in.get(3).times(in.get(3).conj()).times(in.get(9))));
        cases.add(new Case("complex re im", in -> in.get(3).times(in.get(3)).re().times(in.get(3).im())));
        cases.add(new Case("real times complex", in -> in.get(0).times(in.get(3))));
        cases.add(new Case("matrix product", in -> in.get(4).times(in.get(5)).times(in.get(4))));
        cases.add(new Case("dagger trace", in -> in.get(4).dagger().times(in.get(5)).trace()));
        cases.add(new Case("complex times matrix", in -> in.get(3).times(in.get(4)).plus(in.get(5).times(in.get(9)))));
        cases.add(new Case("real times matrix", in -> in.get(4).times(in.get(0)).conj()));
        cases.add(new Case("matrix shift sum", in -> in.get(4).shift(0, 1).times(in.get(5)).sum()));
        cases.add(new Case("matrix dot", in -> in.get(4).dot(in.get(5).times(in.get(4)))));
        cases.add(new Case("element", in -> in.get(4).element(1, 2).times(in.get(5).element(0, 0))));
        cases.add(new Case("det 2x2", in -> in.get(6).det()));
        cases.add(new Case("det 3x3", in -> in.get(4).det()));
        cases.add(new Case("log abs det", in -> in.get(4).plus(Node.identity(3).times(3)).logAbsDet()));
        cases.add(new Case("inverse", in -> in.get(4).plus(Node.identity(3).times(3)).inverse().times(in.get(5))));
        cases.add(new Case("log abs det 4x4", in -> embed4(in.get(4), in.get(0)).logAbsDet()));
        cases.add(new Case("inverse 4x4", in -> embed4(in.get(4), in.get(0)).inverse().trace()));
        cases.add(new Case("traceless anti-hermitian", in -> in.get(4).times(in.get(5)).tracelessAntiHermitian()));
        cases.add(new Case("expm", in -> in.get(6).times(0.5).expm()));
        cases.add(new Case("exp of TA 3x3", in -> in.get(4).times(in.get(5)).expTracelessAntiHermitian()));
        cases.add(new Case("exp of TA 2x2", in -> in.get(6).expTracelessAntiHermitian()));
        cases.add(new Case("vector elementwise", in -> in.get(7).times(in.get(7).tanh()).plus(in.get(7).gelu())));
        cases.add(new Case("component", in -> in.get(7).component(2).times(in.get(0))));
        cases.add(new Case("dense", in -> in.get(7).dense(in.get(8), 2).sin()));
        cases.add(new Case("dense of a field", in -> in.get(7).dense(new Outer(in.get(7), in.get(7)), 3)));
        cases.add(new Case("dense transposed", in -> new DenseT(in.get(8), in.get(7).dense(in.get(8), 2), 3)));
        cases.add(new Case("outer", in -> new Outer(in.get(7), in.get(7).dense(in.get(8), 2))));
        cases.add(new Case("stack", in -> Node.stack(List.of(in.get(0), in.get(1).sin(), in.get(0).times(in.get(1))))
                .dense(in.get(8), 2)));
        cases.add(new Case("real matrix", in -> Node.realMatrix(2, List.of(in.get(0), in.get(1).sin(), in.get(0).times(in.get(1)),
                Node.constant(2))).times(in.get(6))));
        return cases;
    }

    /** A 4×4 matrix from a 3×3 one and a real (both in the last row and column), plus 3·1: general n > 3. */
    private static Node embed4(Node a, Node x) {
        Node m = Node.identity(4).times(3);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                m = m.plus(a.element(i, j).times(Node.matrixUnit(4, i, j)));
            }
            m = m.plus(a.element(i, (i + 1) % 3).times(x).times(Node.matrixUnit(4, i, 3)));
        }
        return m.plus(x.times(Node.matrixUnit(4, 3, 1)));
    }

    private static Node positiveFor(Fn fn, Node x) {
        return switch (fn) {
            case LOG, SQRT, RECIP, LOG1P -> x.square().plus(0.5);
            default -> x;
        };
    }

    private static double[] mask() {
        double[] m = new double[LATTICE.volume()];
        for (int i = 0; i < m.length; i += 3) {
            m[i] = 1;
        }
        return m;
    }

    private static double[][] values(Random r) {
        double[][] v = new double[INPUTS.size()][];
        for (int i = 0; i < v.length; i++) {
            Type t = INPUTS.get(i).type();
            v[i] = random(r, (t.global() ? 1 : LATTICE.volume()) * t.components());
        }
        return v;
    }

    private static int size(Type t) {
        return (t.global() ? 1 : LATTICE.volume()) * t.components();
    }

    @Provide
    Arbitrary<Case> everyPrimitive() {
        return Arbitraries.of(primitives());
    }

    @Property(generation = GenerationMode.EXHAUSTIVE)
    void jvpMatchesFiniteDifferences(@ForAll("everyPrimitive") Case c, @ForAll @IntRange(min = 0, max = 2) int seed) {
        Random r = new Random(c.name().hashCode() + 1000L * seed);
        double[][] values = values(r);
        Node f = c.graph().apply(INPUTS);
        for (int k = 0; k < INPUTS.size(); k++) {
            Input tangent = Node.input("v", INPUTS.get(k).type());
            double[] v = random(r, values[k].length);
            Node jvp = Autodiff.jvp(f, Map.of(INPUTS.get(k), tangent));
            List<Input> bound = new ArrayList<>(INPUTS);
            bound.add(tangent);
            double[][] withV = java.util.Arrays.copyOf(values, INPUTS.size() + 1);
            withV[INPUTS.size()] = v;
            double[] exact = eval(LATTICE, jvp, bound, withV);
            double[] fd = finiteDifference(LATTICE, f, INPUTS, values, k, v);
            for (int i = 0; i < fd.length; i++) {
                assertEquals(fd[i], exact[i], 1e-9 * Math.max(1, Math.abs(fd[i])), c + " along input " + k + " at " + i);
            }
        }
    }

    @Property(generation = GenerationMode.EXHAUSTIVE)
    void vjpIsTheTransposeOfJvp(@ForAll("everyPrimitive") Case c, @ForAll @IntRange(min = 0, max = 2) int seed) {
        Random r = new Random(31 + c.name().hashCode() + 1000L * seed);
        double[][] values = values(r);
        Node f = c.graph().apply(INPUTS);
        Input w = Node.input("w", f.type());
        double[] wValue = random(r, size(f.type()));
        List<Node> vjps = Autodiff.vjp(f, w, INPUTS);
        for (int k = 0; k < INPUTS.size(); k++) {
            Input tangent = Node.input("v", INPUTS.get(k).type());
            double[] v = random(r, values[k].length);
            List<Input> bound = new ArrayList<>(INPUTS);
            bound.add(tangent);
            bound.add(w);
            double[][] all = java.util.Arrays.copyOf(values, INPUTS.size() + 2);
            all[INPUTS.size()] = v;
            all[INPUTS.size() + 1] = wValue;
            double jv = dot(wValue, eval(LATTICE, Autodiff.jvp(f, Map.of(INPUTS.get(k), tangent)), bound, all));
            double[] jtw = eval(LATTICE, vjps.get(k), bound, all);
            double scale = Math.max(1, Math.abs(jv));
            assertEquals(jv, dot(jtw, v), 1e-12 * scale, c + ": <w, J v> vs <J^T w, v> for input " + k);
        }
    }

    @Example
    void gradOfALoopActionIsItsForce() {
        // S = Σ_x (1 − cos(θ0 + θ1(x+0̂) − θ0(x+1̂) − θ1)): ∂S/∂θ0(x) = sin P(x) − sin P(x−1̂).
        Input t0 = Node.input("t0", Type.FIELD);
        Input t1 = Node.input("t1", Type.FIELD);
        Node p = t0.plus(t1.shift(0, 1)).minus(t0.shift(1, 1)).minus(t1);
        Node s = p.cos().negate().plus(1).sum();
        Random r = new Random(3);
        double[] a = random(r, LATTICE.volume());
        double[] b = random(r, LATTICE.volume());
        double[] g0 = eval(LATTICE, Autodiff.grad(s, t0), List.of(t0, t1), a, b);
        double[] sinP = eval(LATTICE, p.sin(), List.of(t0, t1), a, b);
        for (int x = 0; x < LATTICE.volume(); x++) {
            assertEquals(sinP[x] - sinP[LATTICE.backward(x, 1)], g0[x], 1e-14);
        }
    }
}
