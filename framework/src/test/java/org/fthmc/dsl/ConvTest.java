package org.fthmc.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.fthmc.lattice.Lattice;
import org.junit.jupiter.api.Test;

/**
 * The convolution primitive against the same map composed of shifts and dense layers: values, first derivatives in
 * the field and in the weights, and a second derivative (which runs the transposed convolution and its rules).
 */
class ConvTest {
    private static final Lattice LATTICE = new Lattice(5, 4);
    private static final int[][] OFFSETS = {{0, 0}, {1, 0}, {-1, 1}, {2, -1}};
    private static final int ROWS = 3;
    private static final int COLS = 2;

    /** Σ_o W_o h(x + δ_o) from shifts and dense layers. */
    private static Node composed(List<Input> w, Node h) {
        Node sum = null;
        for (int o = 0; o < OFFSETS.length; o++) {
            Node block = w.get(o);
            Node shifted = h;
            for (int mu = 0; mu < 2; mu++) {
                if (OFFSETS[o][mu] != 0) {
                    shifted = shifted.shift(mu, OFFSETS[o][mu]);
                }
            }
            Node term = shifted.dense(block, ROWS);
            sum = sum == null ? term : sum.plus(term);
        }
        return sum;
    }

    /** A nonlinear scalar of the convolution's output, so that derivatives of every order are non-trivial. */
    private static Node objective(Node y, Node probe) {
        return y.dot(probe).sin().sum();
    }

    /**
     * With {@link Schedule.Memory#RECOMPUTE} the field a convolution reads at other sites stays in an earlier stage,
     * stored (it was once moved into the convolution's own stage, where a block read neighbours not computed yet and
     * a compiled step found no buffer): the values equal the stored plan's bit for bit, interpreted and compiled.
     */
    @Test
    void recomputingPlansKeepTheConvolvedFieldStored() {
        Lattice lattice = new Lattice(16, 16); // several blocks of sites, so a stage's blocks read each other
        List<Input> w = new java.util.ArrayList<>();
        for (int o = 0; o < OFFSETS.length; o++) {
            w.add(Node.input("w" + o, Type.vector(ROWS * COLS, true)));
        }
        Input h = Node.input("h", Type.vector(COLS, false));
        Node y = h.times(h).plus(h.sin()).conv(w, OFFSETS, ROWS).tanh();
        List<Node> outputs = List.of(y, y.dot(y).sum());
        List<Input> inputs = new java.util.ArrayList<>(w);
        inputs.add(h);
        Random random = new Random(12);
        double[][] data = new double[inputs.size()][];
        for (int o = 0; o < OFFSETS.length; o++) {
            data[o] = DslTesting.random(random, ROWS * COLS);
        }
        data[OFFSETS.length] = DslTesting.random(random, lattice.volume() * COLS);
        for (StepCompiler compiler : java.util.Arrays.asList(null, org.fthmc.dsl.jvm.JvmStepCompiler.INSTANCE)) {
            List<double[]> stored = CompiledGraph.compile(lattice, org.fthmc.parallel.SiteLoops.serial(), outputs, inputs,
                    Schedule.Memory.STORE, new BufferPool(), compiler).run(data).stream().map(double[]::clone).toList();
            List<double[]> recomputed = CompiledGraph.compile(lattice, org.fthmc.parallel.SiteLoops.serial(), outputs, inputs,
                    Schedule.Memory.RECOMPUTE, new BufferPool(), compiler).run(data);
            for (int i = 0; i < stored.size(); i++) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(stored.get(i), recomputed.get(i),
                        "output " + i + (compiler == null ? ", interpreted" : ", compiled"));
            }
        }
    }

    @Test
    void theConvolutionAndItsDerivativesEqualTheComposedMap() {
        // the order-3 term differentiates the transposed convolution of the gradient in h by its weights
        List<Input> w = new java.util.ArrayList<>();
        for (int o = 0; o < OFFSETS.length; o++) {
            w.add(Node.input("w" + o, Type.vector(ROWS * COLS, true)));
        }
        Input h = Node.input("h", Type.vector(COLS, false));
        Input probe = Node.input("probe", Type.vector(ROWS, false));
        Input v = Node.input("v", Type.vector(COLS, false));
        Random random = new Random(11);
        List<Input> inputs = new java.util.ArrayList<>(w);
        inputs.addAll(List.of(h, probe, v));
        List<double[]> data = new java.util.ArrayList<>();
        for (int o = 0; o < OFFSETS.length; o++) {
            data.add(DslTesting.random(random, ROWS * COLS));
        }
        data.addAll(List.of(DslTesting.random(random, LATTICE.volume() * COLS), DslTesting.random(random, LATTICE.volume() * ROWS),
                DslTesting.random(random, LATTICE.volume() * COLS)));
        double[][] values = data.toArray(double[][]::new);
        Node direct = objective(h.conv(w, OFFSETS, ROWS), probe);
        Node reference = objective(composed(w, h), probe);
        for (int order = 0; order < 4; order++) {
            Node a = derived(direct, order, w, h, v);
            Node b = derived(reference, order, w, h, v);
            double[] x = DslTesting.eval(LATTICE, a, inputs, values);
            double[] y = DslTesting.eval(LATTICE, b, inputs, values);
            assertEquals(y.length, x.length);
            for (int i = 0; i < x.length; i++) {
                assertEquals(y[i], x[i], 1e-12 * Math.max(1, Math.abs(y[i])), "derivative " + order + ", value " + i);
            }
        }
    }

    /** 0: f; 1: ∂f/∂h; 2: ∂f/∂w_2; 3: ∂/∂w_3 of ⟨∂f/∂h, v⟩ (a mixed second derivative). */
    private static Node derived(Node f, int order, List<Input> w, Input h, Input v) {
        return switch (order) {
            case 0 -> f;
            case 1 -> Autodiff.grad(f, h);
            case 2 -> Autodiff.grad(f, w.get(2));
            default -> Autodiff.grad(Autodiff.grad(f, h).dot(v).sum(), w.get(3));
        };
    }
}
