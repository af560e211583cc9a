package org.fthmc.dsl.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.fthmc.dsl.Autodiff;
import org.fthmc.dsl.BufferPool;
import org.fthmc.dsl.CompiledGraph;
import org.fthmc.dsl.DslTesting;
import org.fthmc.dsl.Input;
import org.fthmc.dsl.Node;
import org.fthmc.dsl.Schedule;
import org.fthmc.dsl.Type;
import org.fthmc.gauge.SunDslAction;
import org.fthmc.gauge.SunLoops;
import org.fthmc.group.SUN;
import org.fthmc.lattice.Lattice;
import org.fthmc.parallel.SiteLoops;
import org.fthmc.rng.Purpose;
import org.fthmc.rng.RandomKey;
import org.fthmc.spi.Weights;
import org.fthmc.transform.ConvNet;
import org.junit.jupiter.api.Test;

/**
 * Graphs with their fused steps compiled to Java give the interpreter's values to a relative 1e-12, for every
 * primitive, wide values, looped layers and steps cut into several methods; bit-identical for any thread count.
 */
class JvmStepCompilerTest {
    private static final Lattice U1 = new Lattice(6, 4);

    /** A graph with the values to run it on. */
    private record Case(Lattice lattice, List<Node> outputs, List<Input> inputs, double[][] values) {
    }

    private static CompiledGraph compiled(Case c, SiteLoops loops) {
        return CompiledGraph.compile(c.lattice(), loops, c.outputs(), c.inputs(), Schedule.Memory.STORE, new BufferPool(),
                JvmStepCompiler.INSTANCE);
    }

    /** Runs the case interpreted and compiled (serial, 2 and 3 threads) and asserts agreement. */
    private static void agree(Case c) {
        List<double[]> interpreted = CompiledGraph.compile(c.lattice(), SiteLoops.serial(), c.outputs(), c.inputs())
                .run(c.values()).stream().map(double[]::clone).toList();
        List<double[]> serial = compiled(c, SiteLoops.serial()).run(c.values()).stream().map(double[]::clone).toList();
        assertEquals(interpreted.size(), serial.size());
        for (int i = 0; i < interpreted.size(); i++) {
            double[] a = interpreted.get(i);
            double[] b = serial.get(i);
            assertEquals(a.length, b.length, "output " + i + " length");
            double scale = 1;
            for (double v : a) {
                scale = Math.max(scale, Math.abs(v));
            }
            for (int k = 0; k < a.length; k++) {
                assertEquals(a[k], b[k], 1e-12 * scale, "output " + i + " (" + c.outputs().get(i) + ") component " + k);
            }
        }
        for (int threads : new int[] {2, 3}) {
            try (SiteLoops loops = new SiteLoops(threads)) {
                List<double[]> parallel = compiled(c, loops).run(c.values());
                for (int i = 0; i < serial.size(); i++) {
                    for (int k = 0; k < serial.get(i).length; k++) {
                        assertEquals(Double.doubleToRawLongBits(serial.get(i)[k]), Double.doubleToRawLongBits(parallel.get(i)[k]),
                                "output " + i + " component " + k + " on " + threads + " threads");
                    }
                }
            }
        }
    }

    private static List<Input> angles(int d) {
        List<Input> theta = new ArrayList<>();
        for (int mu = 0; mu < d; mu++) {
            theta.add(Node.input("theta" + mu, Type.FIELD));
        }
        return theta;
    }

    private static Node u1Wilson(List<Input> theta, double beta) {
        Node p = theta.get(0).plus(theta.get(1).shift(0, 1)).minus(theta.get(0).shift(1, 1)).minus(theta.get(1));
        return p.cos().negate().plus(1).times(beta).sum();
    }

    @Test
    void u1WilsonActionForceAndSecondDerivativesAgree() {
        List<Input> theta = angles(2);
        Node s = u1Wilson(theta, 2.5);
        List<Node> force = Autodiff.grad(s, theta);
        Node forceSquared = force.get(0).square().plus(force.get(1).square()).sum();
        List<Node> outputs = new ArrayList<>(List.of(s));
        outputs.addAll(force);
        outputs.addAll(Autodiff.grad(forceSquared, theta));
        Random r = new Random(1);
        agree(new Case(U1, outputs, new ArrayList<>(theta), new double[][] {DslTesting.random(r, U1.volume()),
                DslTesting.random(r, U1.volume())}));
    }

    private static double[][] randomLinks(Lattice lattice, int seed) {
        SUN g = SUN.of(3);
        double[][] links = new double[lattice.dimensions()][lattice.volume() * g.storage()];
        RandomKey key = new RandomKey(seed, 0, 0, Purpose.TEST);
        for (int mu = 0; mu < links.length; mu++) {
            for (int x = 0; x < lattice.volume(); x++) {
                g.setRandom(links[mu], x, key, x, mu);
            }
        }
        return links;
    }

    @Test
    void su3WilsonForceAgrees() {
        Lattice lattice = new Lattice(3, 2, 2, 4);
        List<Input> u = SunDslAction.linkInputs(4, 3);
        Node s = SunLoops.plaquetteDensity(u).sum();
        List<Node> outputs = new ArrayList<>(List.of(s));
        for (Input link : u) {
            outputs.add(Autodiff.leftDerivative(s, link));
        }
        agree(new Case(lattice, outputs, u, randomLinks(lattice, 7)));
    }

    /** Matrix exponentials of products: steps far larger than one method may hold, cut into segments. */
    @Test
    void largeStepsCutIntoSegmentsAgree() {
        Lattice lattice = new Lattice(3, 4);
        List<Input> u = SunDslAction.linkInputs(2, 3);
        Node x = u.get(0).times(u.get(1)).tracelessAntiHermitian().times(0.3).expm();
        Node y = x.times(u.get(1).dagger()).tracelessAntiHermitian().times(0.2).expm().times(x);
        Node s = y.trace().re().sum();
        List<Node> outputs = new ArrayList<>(List.of(y, s));
        outputs.addAll(Autodiff.grad(s, u));
        Case c = new Case(lattice, outputs, u, randomLinks(lattice, 3));
        agree(c);
        StepCut check = new StepCut(c);
        assertTrue(check.segments() > 1, "a step of " + check.characters() + " characters in " + check.segments() + " segment(s)");
        assertTrue(check.largestMethod() <= 8000, "largest kernel method: " + check.largestMethod() + " bytes");
    }

    /** The rendering of a case's largest step, for checks of its cut into methods. */
    private record StepCut(int segments, int characters, int largestMethod) {
        StepCut(Case c) {
            this(measure(c));
        }

        private StepCut(int[] m) {
            this(m[0], m[1], m[2]);
        }

        private static int[] measure(Case c) {
            Schedule schedule = Schedule.of(c.lattice(), c.outputs(), c.inputs(), Schedule.Memory.STORE);
            List<Node> largest = schedule.steps().stream().filter(st -> !Schedule.isGlobal(st))
                    .max(java.util.Comparator.comparingInt(List::size)).orElseThrow();
            String source = JavaStepRenderer.render(schedule, new org.fthmc.dsl.SiteTables(c.lattice()), largest,
                    schedule.storedNodes(), JvmStepCompiler.BUDGET).source();
            int segments = source.split("private void segment", -1).length - 1;
            int largestMethod = JavaSourceCompiler.load(List.of(source)).getFirst().largestMethod();
            return new int[] {segments, source.length(), largestMethod};
        }
    }

    @Test
    void everyOtherPrimitiveAgrees() {
        Input m = Node.input("M", Type.matrix(3, false));
        Input f = Node.input("f", Type.FIELD);
        Input w = Node.parameter("w", Type.vector(6, true));
        Input z = Node.input("z", Type.complex(true));
        Node shifted = m.shift(1, -1).shift(0, 2);
        Node inv = m.plus(Node.identity(3).times(3.0)).inverse();
        Node v = Node.stack(List.of(f.exp(), f.log1p(), f.tanh()));
        Node dense = v.dense(w, 2);
        Node back = dense.denseTransposed(w, 3);
        Node outer = back.outer(dense);
        List<Node> outputs = List.of(
                inv.times(shifted).trace().re(),
                m.logAbsDet(),
                m.conj().dagger().element(1, 2).im(),
                m.times(z).element(0, 1).re().plus(f.atan()).plus(f.plus(2).sqrt()).plus(f.plus(3).recip()).plus(f.plus(2).log()),
                outer.component(4).times(back.dot(back)),
                Node.max(List.of(f.sin(), f.cos())),
                Node.max(List.of(f)).times(f.plus(1)).sum(),
                outer.sum(),
                m.times(m).expm().trace().times(Node.imaginaryUnit()),
                f.gelu().plus(f.swish()),
                z.times(z).conj(),
                m.times(-2.5).plus(m.dagger()).inverse().logAbsDet());
        Lattice lattice = new Lattice(4, 3);
        Random r = new Random(3);
        double[] matrices = DslTesting.random(r, lattice.volume() * 18);
        double[] field = DslTesting.random(r, lattice.volume());
        field[5] = 2; // a unique maximum
        agree(new Case(lattice, outputs, List.of(m, f, w, z),
                new double[][] {matrices, field, DslTesting.random(r, 6), new double[] {0.3, -0.7}}));
    }

    /** 4×4 matrices (wider than scalar locals) and their products, inverses and traces. */
    @Test
    void wideMatricesAgree() {
        Input m = Node.input("M", Type.matrix(4, false));
        Node a = m.times(m.dagger()).plus(Node.identity(4));
        Node s = a.inverse().times(m).trace().re().plus(a.logAbsDet()).sum();
        List<Node> outputs = new ArrayList<>(List.of(s, a.shift(0, 1).times(m)));
        outputs.addAll(Autodiff.grad(s, List.of(m)));
        Lattice lattice = new Lattice(4, 4);
        agree(new Case(lattice, outputs, List.of(m), new double[][] {DslTesting.random(new Random(5), lattice.volume() * 32)}));
    }

    /** A CNN (narrow: unrolled; wide: looped layers over local arrays), a loss, and its gradients. */
    @Test
    void convolutionalNetworksAndTheirWeightGradientsAgree() {
        agree(convolutionalNetwork(new int[] {3, 4, 4, 2}));
        agree(convolutionalNetwork(new int[] {3, 24, 20, 2}));
    }

    private static Case convolutionalNetwork(int[] channels) {
        Lattice lattice = new Lattice(6, 6);
        Weights weights = new Weights();
        ConvNet net = new ConvNet(weights, "net", 2, channels, 3, 5, 1.0);
        Input features = Node.input("features", Type.vector(3, false));
        Node y = net.apply(features);
        Node loss = y.dot(y).sum();
        List<Input> inputs = new ArrayList<>(List.of(features));
        inputs.addAll(weights.inputs());
        List<Node> outputs = new ArrayList<>(List.of(y, loss));
        outputs.addAll(Autodiff.grad(loss, inputs));
        List<double[]> values = new ArrayList<>(List.of(DslTesting.random(new Random(4), lattice.volume() * 3)));
        values.addAll(weights.values());
        return new Case(lattice, outputs, inputs, values.toArray(double[][]::new));
    }

    /** Dense layers wider than the unrolling limit on per-site vectors, and their transposes. */
    @Test
    void wideDenseLayersAgree() {
        Input x = Node.input("x", Type.vector(20, false));
        Input w = Node.parameter("w", Type.vector(30 * 20, true));
        Node h = x.dense(w, 30).tanh();
        Node s = h.dot(h).sum();
        List<Node> outputs = new ArrayList<>(List.of(h, s));
        outputs.addAll(Autodiff.grad(s, List.of(x, w)));
        Random r = new Random(8);
        agree(new Case(U1, outputs, List.of(x, w), new double[][] {DslTesting.random(r, U1.volume() * 20),
                DslTesting.random(r, 600)}));
    }

    @Test
    void graphsOfOneShapeCompileOnce() {
        List<Input> theta = angles(2);
        Case c = new Case(U1, Autodiff.grad(u1Wilson(theta, 1.25), theta), new ArrayList<>(theta),
                new double[][] {new double[U1.volume()], new double[U1.volume()]});
        compiled(c, SiteLoops.serial());
        long before = JvmStepCompiler.kernelsCompiled();
        List<Input> again = angles(2);
        compiled(new Case(U1, Autodiff.grad(u1Wilson(again, 1.25), again), new ArrayList<>(again), c.values()),
                SiteLoops.serial());
        assertEquals(before, JvmStepCompiler.kernelsCompiled(), "kernels compiled for a second graph of the same shape");
    }
}
