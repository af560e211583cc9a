package org.fthmc.properties;

import static org.fthmc.dsl.DslTesting.dot;
import static org.fthmc.dsl.DslTesting.eval;
import org.fthmc.dsl.DslTesting;
import static org.fthmc.dsl.DslTesting.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.fthmc.dsl.Autodiff;
import org.fthmc.dsl.CompiledGraph;
import org.fthmc.dsl.Input;
import org.fthmc.dsl.Node;
import org.fthmc.dsl.Schedule;
import org.fthmc.dsl.Type;
import org.fthmc.lattice.Lattice;
import org.fthmc.parallel.SiteLoops;

/**
 * Derivatives of randomly generated DSL graphs: JVP against finite differences, VJP against JVP (the dot-product
 * test ⟨w, J v⟩ = ⟨Jᵀ w, v⟩), and second and third derivatives (grad of the squared norm of a grad) against finite
 * differences of the lower-order derivative.
 */
class DslProperties {
    private static final Lattice LATTICE = new Lattice(4, 3);
    private static final Input X = Node.input("x", Type.FIELD);
    private static final Input Y = Node.input("y", Type.FIELD);
    private static final Input S = Node.input("s", Type.SCALAR);
    private static final List<Input> INPUTS = List.of(X, Y, S);

    /**
     * A random real-valued graph of x, y and s using every primitive, with detours through complex, matrix and
     * vector values; values stay moderate (bounded functions, +1 shifts of squares, bounded operands of the detours).
     */
    static Node randomGraph(Random r, int depth) {
        if (depth == 0 || r.nextInt(6) == 0) {
            return switch (r.nextInt(4)) {
                case 0 -> X;
                case 1 -> Y;
                case 2 -> S.times(X);
                default -> Y.plus(S);
            };
        }
        Node a = randomGraph(r, depth - 1);
        // the detours multiply their operands up to eight times over: bounded operands keep nested detours finite
        return switch (r.nextInt(16)) {
            case 13 -> throughMatrices(r, a.atan(), randomGraph(r, depth - 1).atan());
            case 14 -> throughComplex(r, a.atan(), randomGraph(r, depth - 1).atan());
            case 15 -> throughVectors(r, a.atan(), randomGraph(r, depth - 1).atan());
            case 0 -> a.plus(randomGraph(r, depth - 1));
            case 1 -> a.times(randomGraph(r, depth - 1));
            case 2 -> a.negate();
            case 3 -> a.shift(r.nextInt(2), new int[] {-2, -1, 1, 2}[r.nextInt(4)]);
            case 4 -> a.sin();
            case 5 -> a.cos();
            case 6 -> a.tanh();
            case 7 -> a.atan();
            case 8 -> a.sin().exp();
            case 9 -> a.square().plus(1).log();
            case 10 -> a.square().plus(1).sqrt().recip();
            case 11 -> a.gelu();
            default -> a.times(a.sin().sum().times(0.3));
        };
    }

    /** A 2x2 complex matrix field built from two reals, sent through random matrix primitives, and back to a real. */
    private static Node throughMatrices(Random r, Node a, Node b) {
        Node i = Node.imaginaryUnit();
        Node m = a.times(Node.matrixUnit(2, 0, 0)).plus(b.times(i).times(Node.matrixUnit(2, 0, 1)))
                .plus(a.times(b).times(Node.matrixUnit(2, 1, 0))).plus(b.sin().times(Node.matrixUnit(2, 1, 1)));
        m = switch (r.nextInt(5)) {
            case 0 -> m.times(m.dagger());
            case 1 -> m.times(0.4).expm();
            case 2 -> m.tracelessAntiHermitian().times(m);
            case 3 -> m.shift(r.nextInt(2), 1).times(m).conj();
            default -> m.times(a.times(i).plus(1)).plus(m.sum().times(0.1));
        };
        return switch (r.nextInt(4)) {
            case 0 -> m.trace().re();
            case 1 -> m.det().im();
            case 2 -> m.dot(m.dagger());
            default -> m.element(1, 0).re().plus(m.element(0, 1).im());
        };
    }

    /** A complex field from two reals, through complex products, back to a real. */
    private static Node throughComplex(Random r, Node a, Node b) {
        Node z = a.times(Node.constant(Type.complex(true), 1, 0)).plus(b.times(Node.imaginaryUnit()));
        Node w = r.nextBoolean() ? z.times(z.conj().shift(0, 1)) : z.times(z).times(Node.constant(Type.complex(true), 0.3, -0.8));
        return r.nextBoolean() ? w.re() : w.im().times(a);
    }

    /** A 3-vector field from reals, through a dense layer, an activation and an outer product, back to a real. */
    private static Node throughVectors(Random r, Node a, Node b) {
        Node v = Node.stack(List.of(a, b, a.times(b)));
        Node weights = Node.constant(Type.vector(6, true), 0.5, -1, 0.25, 0.75, 0.3, -0.6);
        Node h = v.dense(weights, 2).gelu();
        Node o = h.outer(v).dense(Node.constant(Type.vector(6, true), 1, 0, 0, 0, 1, 0), 1);
        return o.component(0).plus(h.component(r.nextInt(2)));
    }

    private static double[][] values(Random r) {
        return new double[][] {random(r, LATTICE.volume()), random(r, LATTICE.volume()), random(r, 1)};
    }

    @Property(tries = 60)
    void jvpMatchesFiniteDifferences(@ForAll @IntRange(min = 0, max = 1 << 30) int seed) {
        Random r = new Random(seed);
        Node f = randomGraph(r, 4);
        double[][] values = values(r);
        int k = r.nextInt(3);
        Input tangent = Node.input("v", INPUTS.get(k).type());
        double[] v = random(r, values[k].length);
        List<Input> bound = new ArrayList<>(INPUTS);
        bound.add(tangent);
        double[][] all = java.util.Arrays.copyOf(values, 4);
        all[3] = v;
        double[] exact = eval(LATTICE, Autodiff.jvp(f, Map.of(INPUTS.get(k), tangent)), bound, all);
        DslTesting.assertMatches(DslTesting.finiteDifferenceWithError(LATTICE, f, INPUTS, values, k, v), exact, 1e-7, f.toString());
    }

    @Property(tries = 60)
    void vjpIsTheTransposeOfJvp(@ForAll @IntRange(min = 0, max = 1 << 30) int seed) {
        Random r = new Random(seed);
        Node f = randomGraph(r, 5);
        double[][] values = values(r);
        Input w = Node.input("w", f.type());
        double[] wValue = random(r, f.type().global() ? 1 : LATTICE.volume());
        List<Node> vjps = Autodiff.vjp(f, w, INPUTS);
        for (int k = 0; k < 3; k++) {
            Input tangent = Node.input("v", INPUTS.get(k).type());
            double[] v = random(r, values[k].length);
            List<Input> bound = new ArrayList<>(INPUTS);
            bound.add(tangent);
            bound.add(w);
            double[][] all = java.util.Arrays.copyOf(values, 5);
            all[3] = v;
            all[4] = wValue;
            double jv = dot(wValue, eval(LATTICE, Autodiff.jvp(f, Map.of(INPUTS.get(k), tangent)), bound, all));
            double jtw = dot(eval(LATTICE, vjps.get(k), bound, all), v);
            assertEquals(jv, jtw, 1e-12 * Math.max(1, Math.abs(jv)), f + " input " + k);
        }
    }

    @Property(tries = 40)
    void storingAndRecomputingGiveTheSameBitsInParallel(@ForAll @IntRange(min = 0, max = 1 << 30) int seed) {
        Random r = new Random(seed);
        Node f = randomGraph(r, 5);
        Node g = Autodiff.grad(f.square().sum(), X);
        Lattice big = new Lattice(32, 20);
        double[][] bigValues = {random(r, big.volume()), random(r, big.volume()), random(r, 1)};
        List<double[]> stored = CompiledGraph.compile(big, SiteLoops.serial(), List.of(f, g), INPUTS).run(bigValues);
        try (SiteLoops loops = new SiteLoops(2)) {
            List<double[]> recomputed = CompiledGraph.compile(big, loops, List.of(f, g), INPUTS,
                    Schedule.Memory.RECOMPUTE).run(bigValues);
            assertArrayEquals(stored.get(0), recomputed.get(0), f.toString());
            assertArrayEquals(stored.get(1), recomputed.get(1), "gradient of " + f);
        }
    }

    @Property(tries = 30)
    void secondAndThirdDerivativesMatchFiniteDifferencesOfTheLowerOrder(@ForAll @IntRange(min = 0, max = 1 << 30) int seed) {
        Random r = new Random(seed);
        Node f = randomGraph(r, 3).sum();
        double[][] values = values(r);
        double[] v = random(r, LATTICE.volume());
        // order 2: G = ∂f/∂x; F2 = Σ G²; ∂F2/∂x involves second derivatives of f.
        Node g = Autodiff.grad(f, X);
        Node f2 = g.square().sum();
        Node h = Autodiff.grad(f2, X);
        DslTesting.assertMatches(DslTesting.finiteDifferenceWithError(LATTICE, f2, INPUTS, values, 0, v),
                new double[] {dot(eval(LATTICE, h, INPUTS, values), v)}, 1e-6, "order 2 of " + f);
        // order 3: F3 = Σ H²; ∂F3/∂x involves third derivatives of f.
        Node f3 = h.square().sum();
        Node k = Autodiff.grad(f3, X);
        DslTesting.assertMatches(DslTesting.finiteDifferenceWithError(LATTICE, f3, INPUTS, values, 0, v),
                new double[] {dot(eval(LATTICE, k, INPUTS, values), v)}, 1e-6, "order 3 of " + f);
    }
}
