package org.fthmc.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.fthmc.lattice.Lattice;
import org.fthmc.parallel.SiteLoops;
import org.junit.jupiter.api.Test;

/** Fusing cheap shifted values into their readers keeps every value (to rounding) and cuts steps. */
class ShiftFusionTest {
    private static final Lattice LATTICE = new Lattice(6, 4);
    private static final int[][] TAPS = {{0, 0}, {1, 0}, {-1, 0}, {0, 1}, {0, -1}, {1, 1}, {-1, -1}, {1, -1}, {-1, 1}};

    private record Graph(List<Node> outputs, List<Input> inputs, List<double[]> values) {
    }

    /** A two-layer CNN on loop features of U(1) angles, its action-like sum and first and second derivatives. */
    private static Graph cnn() {
        Input t0 = Node.input("t0", Type.FIELD);
        Input t1 = Node.input("t1", Type.FIELD);
        List<Input> inputs = new ArrayList<>(List.of(t0, t1));
        List<Input> w1 = weights("a", 3 * 2, inputs);
        List<Input> w2 = weights("b", 2 * 3, inputs);
        Node p = t0.plus(t1.shift(0, 1)).minus(t0.shift(1, 1)).minus(t1);
        Node features = Node.stack(List.of(p.cos(), p.sin()));
        Node h1 = features.conv(w1, TAPS, 3).gelu();
        Node h2 = h1.conv(w2, TAPS, 2).gelu();
        Node s = h2.component(0).times(t0.shift(0, 1).cos()).plus(h2.component(1).times(p)).sum();
        List<Node> outputs = new ArrayList<>(List.of(s));
        List<Node> force = Autodiff.grad(s, List.of(t0, t1));
        outputs.addAll(force);
        outputs.add(Autodiff.grad(force.get(0).square().sum(), List.of(w1.get(3))).getFirst());
        Random r = new Random(3);
        List<double[]> values = new ArrayList<>();
        for (Input x : inputs) {
            values.add(DslTesting.random(r, x.type().components() * (x.type().global() ? 1 : LATTICE.volume())));
        }
        return new Graph(outputs, inputs, values);
    }

    private static List<Input> weights(String name, int size, List<Input> inputs) {
        List<Input> w = new ArrayList<>();
        for (int o = 0; o < TAPS.length; o++) {
            w.add(Node.input(name + o, Type.vector(size, true)));
        }
        inputs.addAll(w);
        return w;
    }

    private static CompiledGraph compile(List<Node> outputs, List<Input> inputs) {
        return CompiledGraph.compile(LATTICE, SiteLoops.serial(), outputs, inputs);
    }

    @Test
    void fusedGraphsGiveTheSameValuesInFewerSteps() {
        Graph g = cnn();
        CompiledGraph plain = compile(g.outputs(), g.inputs());
        List<double[]> expected = plain.run(g.values().toArray(double[][]::new)).stream().map(double[]::clone).toList();
        int previous = plain.stages();
        for (int budget : new int[] {256, 2_000, 100_000}) {
            CompiledGraph fused = compile(ShiftFusion.rewrite(g.outputs(), budget), g.inputs());
            List<double[]> actual = fused.run(g.values().toArray(double[][]::new));
            for (int i = 0; i < expected.size(); i++) {
                double scale = 1;
                for (double v : expected.get(i)) {
                    scale = Math.max(scale, Math.abs(v));
                }
                for (int k = 0; k < expected.get(i).length; k++) {
                    assertEquals(expected.get(i)[k], actual.get(i)[k], 1e-12 * scale, "budget " + budget + ", output " + i + ", " + k);
                }
            }
            assertTrue(fused.stages() < previous, "budget " + budget + ": " + fused.stages() + " steps, " + previous + " before");
            previous = fused.stages();
        }
    }

    @Test
    void aZeroBudgetChangesNothing() {
        Graph g = cnn();
        assertSame(g.outputs(), ShiftFusion.rewrite(g.outputs(), 0));
    }
}
