package org.fthmc.dsl.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.fthmc.dsl.Autodiff;
import org.fthmc.dsl.BufferPool;
import org.fthmc.dsl.CompiledGraph;
import org.fthmc.dsl.DslTesting;
import org.fthmc.dsl.GraphCases;
import org.fthmc.dsl.GraphCases.Case;
import org.fthmc.dsl.Input;
import org.fthmc.dsl.Node;
import org.fthmc.dsl.Schedule;
import org.fthmc.dsl.SiteTables;
import org.fthmc.dsl.Type;
import org.fthmc.gauge.SunDslAction;
import org.fthmc.lattice.Lattice;
import org.fthmc.parallel.SiteLoops;
import org.junit.jupiter.api.Test;

/**
 * Graphs with their fused steps compiled to Java give the interpreter's values to a relative 1e-12, for every
 * primitive, wide values, looped layers and steps cut into several methods; bit-identical for any thread count.
 */
class JvmStepCompilerTest {
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

    @Test
    void u1WilsonActionForceAndSecondDerivativesAgree() {
        agree(GraphCases.u1WilsonDerivatives());
    }

    @Test
    void su3WilsonForceAgrees() {
        agree(GraphCases.su3WilsonForce(new Lattice(3, 2, 2, 4)));
    }

    @Test
    void everyOtherPrimitiveAgrees() {
        agree(GraphCases.everyOtherPrimitive());
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
        Case c = new Case(lattice, outputs, u, GraphCases.randomLinks(lattice, 3));
        agree(c);
        Schedule schedule = Schedule.of(c.lattice(), c.outputs(), c.inputs(), Schedule.Memory.STORE);
        List<Node> largest = schedule.steps().stream().filter(st -> !Schedule.isGlobal(st))
                .max(Comparator.comparingInt(List::size)).orElseThrow();
        String source = JavaStepRenderer.render(new SiteTables(lattice), largest, schedule.storedNodes(),
                JvmStepCompiler.BUDGET).source();
        int segments = source.split("private void segment", -1).length - 1;
        int largestMethod = JavaSourceCompiler.load(List.of(source)).getFirst().largestMethod();
        assertTrue(segments > 1, "a step of " + source.length() + " characters in " + segments + " segment(s)");
        assertTrue(largestMethod <= 8000, "largest kernel method: " + largestMethod + " bytes");
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
        agree(GraphCases.convolutionalNetwork(new int[] {3, 4, 4, 2}));
        agree(GraphCases.convolutionalNetwork(new int[] {3, 24, 20, 2}));
    }

    /** Dense layers wider than the unrolling limit on per-site vectors, and their transposes. */
    @Test
    void wideDenseLayersAgree() {
        Lattice lattice = new Lattice(6, 4);
        Input x = Node.input("x", Type.vector(20, false));
        Input w = Node.parameter("w", Type.vector(30 * 20, true));
        Node h = x.dense(w, 30).tanh();
        Node s = h.dot(h).sum();
        List<Node> outputs = new ArrayList<>(List.of(h, s));
        outputs.addAll(Autodiff.grad(s, List.of(x, w)));
        Random r = new Random(8);
        agree(new Case(lattice, outputs, List.of(x, w), new double[][] {DslTesting.random(r, lattice.volume() * 20),
                DslTesting.random(r, 600)}));
    }

    @Test
    void graphsOfOneShapeCompileOnce() {
        compiled(GraphCases.u1WilsonDerivatives(), SiteLoops.serial());
        long before = JvmStepCompiler.kernelsCompiled();
        compiled(GraphCases.u1WilsonDerivatives(), SiteLoops.serial());
        assertEquals(before, JvmStepCompiler.kernelsCompiled(), "kernels compiled for a second graph of the same shape");
    }
}
