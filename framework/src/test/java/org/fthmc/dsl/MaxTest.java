package org.fthmc.dsl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.fthmc.lattice.Lattice;
import org.fthmc.parallel.SiteLoops;
import org.junit.jupiter.api.Test;

class MaxTest {
    private static final Lattice LATTICE = new Lattice(8, 6);

    @Test
    void theMaximumOfFieldsIsTheirLargestValueForAnyThreadCount() {
        Input x = Node.input("x", Type.FIELD);
        Input y = Node.input("y", Type.FIELD);
        Random random = new Random(5);
        double[] a = DslTesting.random(random, LATTICE.volume());
        double[] b = DslTesting.random(random, LATTICE.volume());
        double expected = Double.NEGATIVE_INFINITY;
        for (int s = 0; s < a.length; s++) {
            expected = Math.max(expected, Math.max(org.fthmc.math.Trig.sin(a[s]), a[s] * b[s])); // the DSL's sin
        }
        Node max = Node.max(List.of(x.sin(), x.times(y)));
        assertEquals(expected, DslTesting.eval(LATTICE, max, List.of(x, y), a, b)[0], 0);
        try (SiteLoops loops = new SiteLoops(2)) {
            double[] parallel = CompiledGraph.compile(LATTICE, loops, List.of(max), List.of(x, y)).run(a, b).getFirst();
            assertEquals(expected, parallel[0], 0);
        }
    }

    @Test
    void itsGradientIsTheFiniteDifferenceWhereTheMaximumIsUnique() {
        Input x = Node.input("x", Type.FIELD);
        Input y = Node.input("y", Type.FIELD);
        Random random = new Random(6);
        double[][] values = {DslTesting.random(random, LATTICE.volume()), DslTesting.random(random, LATTICE.volume())};
        // a smooth function of the maximum, so the gradient is the chain rule through the maximising site
        Node f = Node.max(List.of(x.sin().times(y), y.square())).exp().plus(x.square().sum());
        List<Input> inputs = List.of(x, y);
        for (int k = 0; k < 2; k++) {
            double[] gradient = DslTesting.eval(LATTICE, Autodiff.grad(f, inputs.get(k)), inputs, values);
            for (int trial = 0; trial < 3; trial++) {
                double[] v = DslTesting.random(random, LATTICE.volume());
                DslTesting.Difference fd = DslTesting.finiteDifferenceWithError(LATTICE, f, inputs, values, k, v);
                DslTesting.assertMatches(fd, new double[] {DslTesting.dot(gradient, v)}, 1e-8, "input " + k);
            }
        }
    }

    @Test
    void tiedMaximaShareTheDerivative() {
        Input x = Node.input("x", Type.FIELD);
        double[] data = new double[LATTICE.volume()];
        data[3] = 2;
        data[17] = 2;
        double[] gradient = DslTesting.eval(LATTICE, Autodiff.grad(Node.max(List.of(x)), x), List.of(x), data);
        double[] expected = new double[data.length];
        expected[3] = 0.5;
        expected[17] = 0.5;
        assertArrayEquals(expected, gradient, 0);
    }
}
