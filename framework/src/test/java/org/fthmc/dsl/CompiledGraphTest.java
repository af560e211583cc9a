package org.fthmc.dsl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.fthmc.lattice.Lattice;
import org.fthmc.parallel.SiteLoops;
import org.junit.jupiter.api.Test;

class CompiledGraphTest {
    private static final Lattice LATTICE = new Lattice(32, 24);

    private static Node chain(Input x, int length) {
        Node n = x;
        for (int i = 0; i < length; i++) {
            n = n.shift(i % 2, 1).sin().plus(0.1 * i).times(n);
        }
        return n;
    }

    @Test
    void runsOnHostArraysWriteTheOutputsEvenInPlaceAndSwapped() {
        Input x = Node.input("x", Type.FIELD);
        Input y = Node.input("y", Type.FIELD);
        Node f = chain(x, 3).times(y);
        CompiledGraph graph = CompiledGraph.compile(LATTICE, SiteLoops.serial(), List.of(f, y, x, f.sum()), List.of(x, y));
        Random r = new Random(2);
        double[] a = DslTesting.random(r, LATTICE.volume());
        double[] b = DslTesting.random(r, LATTICE.volume());
        double[] expected = graph.run(a, b).getFirst().clone();
        HostArray hx = new HostArray(a.clone());
        HostArray hy = new HostArray(b.clone());
        HostArray product = new HostArray(new double[LATTICE.volume()]);
        HostArray total = new HostArray(new double[1]);
        graph.run(List.of(hx, hy), List.of(product, hx, hy, total)); // x and y swap through the outputs
        assertArrayEquals(expected, product.data());
        assertArrayEquals(b, hx.data());
        assertArrayEquals(a, hy.data());
        graph.run(List.of(hy, hx), List.of(hy, new HostArray(new double[LATTICE.volume()]), hx, total)); // in place
        assertArrayEquals(expected, hy.data());
        assertThrows(DslException.class, () -> graph.run(List.of(hx, hy), List.of(product, hx, hy)));
    }

    /** A masked graph stores its fields in its own site order: outputs copied out of it straight into the caller's arrays. */
    @Test
    void aMaskedGraphRunOnHostArraysGivesItsValuesInTheLatticesOrder() {
        Input x = Node.input("x", Type.FIELD);
        FieldConstant mask = Node.mask(LATTICE, LATTICE.paritySites(1));
        Node f = x.plus(chain(x, 3).minus(x).times(mask));
        CompiledGraph graph = CompiledGraph.compile(LATTICE, SiteLoops.serial(), List.of(f, f.square().sum()), List.of(x));
        double[] a = DslTesting.random(new Random(4), LATTICE.volume());
        List<double[]> expected = graph.run(a).stream().map(double[]::clone).toList();
        double[] garbage = new double[LATTICE.volume()];
        java.util.Arrays.fill(garbage, Double.NaN);
        HostArray out = new HostArray(garbage);
        HostArray total = new HostArray(new double[1]);
        graph.run(List.of(new HostArray(a)), List.of(out, total));
        assertArrayEquals(expected.get(0), out.data());
        assertArrayEquals(expected.get(1), total.data());
        graph.run(List.of(out), List.of(out, total)); // in place
        assertArrayEquals(graph.run(expected.get(0)).getFirst(), out.data());
    }

    @Test
    void repeatedAndParallelRunsAreBitIdenticalToSerial() {
        Input x = Node.input("x", Type.FIELD);
        Node f = chain(x, 12);
        Node g = Autodiff.grad(f.square().sum(), x);
        double[] data = DslTesting.random(new Random(1), LATTICE.volume());
        CompiledGraph serial = CompiledGraph.compile(LATTICE, SiteLoops.serial(), List.of(f, g), List.of(x));
        double[] first = serial.run(data).get(1).clone();
        assertArrayEquals(first, serial.run(data).get(1));
        try (SiteLoops loops = new SiteLoops(2)) {
            CompiledGraph parallel = CompiledGraph.compile(LATTICE, loops, List.of(f, g), List.of(x));
            assertArrayEquals(first, parallel.run(data).get(1));
            assertArrayEquals(first, parallel.run(data).get(1));
        }
    }

    @Test
    void equalSubexpressionsAndCommutingShiftsAreComputedOnce() {
        Input x = Node.input("x", Type.FIELD);
        Node twice = x.sin().plus(1).plus(x.sin().plus(1)); // sin x + 1 built twice: sin, +1, + = 3 nodes
        Node corner = x.shift(0, 1).shift(1, -1).times(x.shift(1, -1).shift(0, 1)); // 1 diagonal read, 1 product
        Node back = x.shift(0, 2).shift(0, -2).times(x); // the shifts cancel: 1 product
        Node unit = x.times(1.0).times(Node.constant(1)); // unit factors dropped: nothing to compute
        double[] data = DslTesting.random(new Random(3), LATTICE.volume());
        CompiledGraph g = CompiledGraph.compile(LATTICE, SiteLoops.serial(), List.of(twice, corner, back, unit), List.of(x));
        assertEquals(6, g.computedNodes());
        assertArrayEquals(data, g.run(data).get(3));
        assertEquals(1, CompiledGraph.compile(LATTICE, SiteLoops.serial(), List.of(corner), List.of(x)).stages(),
                "a shift of a shifted input is one read of the input, in the first step");
        Input m = Node.input("m", Type.matrix(2, false));
        double[] matrices = DslTesting.random(new Random(4), LATTICE.volume() * 8);
        CompiledGraph identity = CompiledGraph.compile(LATTICE, SiteLoops.serial(),
                List.of(Node.identity(2).times(m).times(Node.identity(2))), List.of(m));
        assertEquals(0, identity.computedNodes());
        assertArrayEquals(matrices, identity.run(matrices).getFirst());
        List<double[]> out = g.run(data);
        int[] up = LATTICE.forwardTable(0);
        int[] down = LATTICE.backwardTable(1);
        for (int s = 0; s < LATTICE.volume(); s++) {
            assertEquals(2 * (Math.sin(data[s]) + 1), out.get(0)[s], 1e-15);
            double c = data[down[up[s]]];
            assertEquals(c * c, out.get(1)[s], 0);
            assertEquals(data[s] * data[s], out.get(2)[s], 0);
        }
    }

    @Test
    void aDiagonalReadDifferentiatesLikeTheShiftsItReplaces() {
        Input x = Node.input("x", Type.FIELD);
        Input y = Node.input("y", Type.FIELD);
        Node f = x.shift(0, 1).shift(1, -1).times(y).sin().sum();
        Node merged = CommonSubexpressions.merge(List.of(f)).getFirst();
        assertTrue(Graphs.topologicalOrder(List.of(merged)).stream().anyMatch(n -> n instanceof ShiftBy));
        Random r = new Random(5);
        double[] a = DslTesting.random(r, LATTICE.volume());
        double[] b = DslTesting.random(r, LATTICE.volume());
        List<double[]> chain = CompiledGraph.compile(LATTICE, SiteLoops.serial(), Autodiff.grad(f, List.of(x, y)), List.of(x, y))
                .run(a, b).stream().map(double[]::clone).toList();
        List<double[]> read = CompiledGraph.compile(LATTICE, SiteLoops.serial(), Autodiff.grad(merged, List.of(x, y)),
                List.of(x, y)).run(a, b);
        assertArrayEquals(chain.get(0), read.get(0), 1e-15);
        assertArrayEquals(chain.get(1), read.get(1), 1e-15);
    }

    @Test
    void graphsOnOnePoolShareTheirBuffers() {
        Input x = Node.input("x", Type.FIELD);
        BufferPool pool = new BufferPool();
        CompiledGraph a = CompiledGraph.compile(LATTICE, SiteLoops.serial(), List.of(chain(x, 6)), List.of(x), pool);
        CompiledGraph b = CompiledGraph.compile(LATTICE, SiteLoops.serial(), List.of(chain(x, 9)), List.of(x), pool);
        assertEquals(Math.max(a.peakBytes(), b.peakBytes()), pool.bytes());
        double[] data = DslTesting.random(new Random(4), LATTICE.volume());
        double[] alone = CompiledGraph.compile(LATTICE, SiteLoops.serial(), List.of(chain(x, 6)), List.of(x)).run(data).getFirst();
        b.run(data);
        assertArrayEquals(alone, a.run(data).getFirst(), "a graph's values do not depend on what ran before on the pool");
    }

    @Test
    void buffersAreReusedSoAChainNeedsConstantMemory() {
        Input x = Node.input("x", Type.FIELD);
        long field = 8L * LATTICE.volume();
        long shortChain = CompiledGraph.compile(LATTICE, SiteLoops.serial(), List.of(chain(x, 5)), List.of(x)).peakBytes();
        long longChain = CompiledGraph.compile(LATTICE, SiteLoops.serial(), List.of(chain(x, 200)), List.of(x)).peakBytes();
        assertEquals(shortChain, longChain, "a chain's live set does not grow with its length");
        assertTrue(longChain <= 8 * field, "peak " + longChain + " bytes for a field of " + field);
    }

    @Test
    void recomputingGivesTheSameBitsWithLessMemory() {
        Input x = Node.input("x", Type.FIELD);
        // q must be stored (it is shifted). Six chains of x are read only in stage 2, next to the shifted q:
        // stored, all six live across the stage boundary; recomputed, each is built and consumed inside stage 2.
        Node q = x.sin().times(x.cos());
        Node r = q.shift(0, 1);
        List<Node> chains = List.of(x.exp().tanh(), x.square().sin(), x.atan().cos(), x.times(3).sin(), x.tanh().exp(),
                x.cos().square());
        Node f = r;
        for (Node c : chains) {
            f = f.plus(r.times(c));
        }
        List<Node> outputs = List.of(f);
        double[] a = DslTesting.random(new Random(2), LATTICE.volume());
        CompiledGraph store = CompiledGraph.compile(LATTICE, SiteLoops.serial(), outputs, List.of(x));
        CompiledGraph recompute = CompiledGraph.compile(LATTICE, SiteLoops.serial(), outputs, List.of(x),
                Schedule.Memory.RECOMPUTE);
        assertArrayEquals(store.run(a).getFirst().clone(), recompute.run(a).getFirst());
        assertTrue(recompute.peakBytes() < store.peakBytes(), recompute.peakBytes() + " vs " + store.peakBytes());
    }

    /** The conjugate transpose of an n×n complex matrix, entry by entry. */
    private static double[] daggered(double[] m, int n) {
        double[] d = new double[m.length];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                d[2 * (i * n + j)] = m[2 * (j * n + i)];
                d[2 * (i * n + j) + 1] = -m[2 * (j * n + i) + 1];
            }
        }
        return d;
    }

    @Test
    void daggersReadByProductsAreFoldedIntoThemWithTheSameBits() {
        for (int n : new int[] {3, 2}) {
            Input a = Node.input("a", Type.matrix(n, false));
            Input b = Node.input("b", Type.matrix(n, false));
            Random r = new Random(n);
            int c = 2 * n * n;
            double[] va = DslTesting.random(r, LATTICE.volume() * c);
            double[] vb = DslTesting.random(r, LATTICE.volume() * c);
            List<Node> products = List.of(a.dagger().times(b), a.times(b.dagger()), a.dagger().times(b.dagger()));
            CompiledGraph folded = CompiledGraph.compile(LATTICE, SiteLoops.serial(), products, List.of(a, b));
            List<double[]> got = folded.run(va, vb);
            double[] expected = new double[c];
            for (int x = 0; x < LATTICE.volume(); x++) {
                double[][] at = {java.util.Arrays.copyOfRange(va, x * c, x * c + c), java.util.Arrays.copyOfRange(vb, x * c, x * c + c)};
                double[][] daggered = {daggered(at[0], n), daggered(at[1], n)};
                double[][][] factors = {{daggered[0], at[1]}, {at[0], daggered[1]}, {daggered[0], daggered[1]}};
                for (int p = 0; p < factors.length; p++) {
                    org.fthmc.math.ComplexMatrices.multiply(n, factors[p][0], factors[p][1], expected);
                    assertArrayEquals(expected, java.util.Arrays.copyOfRange(got.get(p), x * c, x * c + c),
                            "product " + p + " of " + n + "x" + n + " matrices at site " + x);
                }
            }
            // not computed: the three products' buffers are all the graph holds; a dagger that is an output is
            long field = 8L * LATTICE.volume() * c;
            assertEquals(3 * field, folded.peakBytes());
            List<Node> withOutput = List.of(a.dagger().times(b), a.dagger());
            assertEquals(2 * field, CompiledGraph.compile(LATTICE, SiteLoops.serial(), withOutput, List.of(a, b)).peakBytes());
        }
    }

    @Test
    void daggersReadBySumsAreFoldedIntoThemWithTheSameBits() {
        for (int n : new int[] {3, 2}) {
            Input a = Node.input("a", Type.matrix(n, false));
            Input b = Node.input("b", Type.matrix(n, false));
            Random r = new Random(10 + n);
            int c = 2 * n * n;
            double[] va = DslTesting.random(r, LATTICE.volume() * c);
            double[] vb = DslTesting.random(r, LATTICE.volume() * c);
            List<Node> sums = List.of(a.dagger().plus(b), a.plus(b.dagger()), a.dagger().plus(b.dagger()));
            CompiledGraph folded = CompiledGraph.compile(LATTICE, SiteLoops.serial(), sums, List.of(a, b));
            List<double[]> got = folded.run(va, vb);
            for (int x = 0; x < LATTICE.volume(); x++) {
                double[][] at = {java.util.Arrays.copyOfRange(va, x * c, x * c + c), java.util.Arrays.copyOfRange(vb, x * c, x * c + c)};
                double[][] daggered = {daggered(at[0], n), daggered(at[1], n)};
                double[][][] terms = {{daggered[0], at[1]}, {at[0], daggered[1]}, {daggered[0], daggered[1]}};
                for (int p = 0; p < terms.length; p++) {
                    double[] expected = new double[c];
                    for (int k = 0; k < c; k++) {
                        expected[k] = terms[p][0][k] + terms[p][1][k];
                    }
                    assertArrayEquals(expected, java.util.Arrays.copyOfRange(got.get(p), x * c, x * c + c),
                            "sum " + p + " of " + n + "x" + n + " matrices at site " + x);
                }
            }
            assertEquals(3 * 8L * LATTICE.volume() * c, folded.peakBytes(), "the daggers get no buffers");
        }
    }

    @Test
    void perSiteChainsAreFusedIntoFewStages() {
        Input x = Node.input("x", Type.FIELD);
        Node elementwise = x.sin().times(x).plus(x.cos()).tanh().times(2).plus(1);
        assertEquals(1, CompiledGraph.compile(LATTICE, SiteLoops.serial(), List.of(elementwise), List.of(x)).stages());
        // a shift of a value computed in the stage needs a new stage; a sum is a stage of its own
        Node shifted = elementwise.shift(0, 1).plus(elementwise).sum();
        assertEquals(3, CompiledGraph.compile(LATTICE, SiteLoops.serial(), List.of(shifted), List.of(x)).stages());
    }

    @Test
    void malformedGraphsFailAtConstructionNamingTheOperation() {
        Input f = Node.input("f", Type.FIELD);
        Input s = Node.input("s", Type.SCALAR);
        assertTrue(assertThrows(DslException.class, () -> s.shift(0, 1)).getMessage().contains("cannot shift a global scalar"));
        assertTrue(assertThrows(DslException.class, () -> s.sum()).getMessage().contains("sum()"));
        assertTrue(assertThrows(DslException.class, () -> new Broadcast(f)).getMessage().contains("broadcast()"));
        assertTrue(assertThrows(DslException.class, () -> f.shift(-1, 1)).getMessage().contains("direction"));
        assertTrue(assertThrows(DslException.class, () -> f.plus(null)).getMessage().contains("plus"));
        assertTrue(assertThrows(DslException.class, () -> Autodiff.grad(f.sin(), f)).getMessage().contains("grad"));
        assertTrue(assertThrows(DslException.class, () -> Autodiff.vjp(f.sum(), f, List.of(f))).getMessage().contains("cotangent"));
        assertTrue(assertThrows(DslException.class, () -> Autodiff.vjp(f.sum(), Node.constant(1), List.of(f, f)))
                .getMessage().contains("twice"));
        assertTrue(assertThrows(DslException.class, () -> Autodiff.jvp(f.sin(), java.util.Map.of(f, s)))
                .getMessage().contains("tangent"));
        Input other = Node.input("other", Type.FIELD);
        assertTrue(assertThrows(DslException.class,
                () -> CompiledGraph.compile(LATTICE, SiteLoops.serial(), List.of(f.plus(other)), List.of(f)))
                .getMessage().contains("other"));
        assertTrue(assertThrows(DslException.class,
                () -> CompiledGraph.compile(LATTICE, SiteLoops.serial(), List.of(f.shift(2, 1)), List.of(f)))
                .getMessage().contains("direction 2"));
        Node deep = chain(f, 60);
        String message = assertThrows(DslException.class, () -> deep.plus(Node.imaginaryUnit())).getMessage();
        assertTrue(message.length() < 200 && message.startsWith("plus"), "messages name operations shallowly: " + message);
        CompiledGraph g = CompiledGraph.compile(LATTICE, SiteLoops.serial(), List.of(f.sin()), List.of(f));
        assertTrue(assertThrows(DslException.class, () -> g.run(new double[3])).getMessage().contains("needs"));
    }

    @Test
    void differentiatingWithRespectToAnUnusedInputGivesZero() {
        Input x = Node.input("x", Type.FIELD);
        Input y = Node.input("y", Type.FIELD);
        double[] g = DslTesting.eval(LATTICE, Autodiff.grad(x.sin().sum(), y), List.of(x, y),
                new double[LATTICE.volume()], new double[LATTICE.volume()]);
        for (double v : g) {
            assertEquals(0, v);
        }
    }
}
