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
import org.fthmc.dsl.HostArray;
import org.fthmc.dsl.Input;
import org.fthmc.dsl.Node;
import org.fthmc.dsl.Schedule;
import org.fthmc.dsl.SiteTables;
import org.fthmc.dsl.StepCompiler;
import org.fthmc.dsl.Type;
import org.fthmc.gauge.SunDslAction;
import org.fthmc.lattice.Lattice;
import org.fthmc.parallel.SiteLoops;
import org.junit.jupiter.api.Test;

/**
 * Graphs with their fused steps compiled to Java give the interpreter's values bit for bit (every sum accumulates in
 * the interpreter's order, and Java's arithmetic is IEEE's, never reassociated), for every primitive, wide values,
 * looped layers and steps cut into several methods, and for any thread count; so declining a step changes no result.
 */
class JvmStepCompilerTest {
    /** Compiles every step, matrix steps too (the backend's instance interprets those). */
    private static final JvmStepCompiler EVERY_STEP = new JvmStepCompiler(false);

    private static CompiledGraph compiled(Case c, SiteLoops loops, JvmStepCompiler compiler) {
        return CompiledGraph.compile(c.lattice(), loops, c.outputs(), c.inputs(), Schedule.Memory.STORE, new BufferPool(),
                compiler);
    }

    private static CompiledGraph compiled(Case c, SiteLoops loops) {
        return compiled(c, loops, EVERY_STEP);
    }

    /** Runs the case interpreted and compiled (serial, 2 and 3 threads) and asserts bit-identical results. */
    private static void agree(Case c) {
        agree(c, EVERY_STEP);
    }

    private static void agree(Case c, JvmStepCompiler compiler) {
        List<double[]> interpreted = CompiledGraph.compile(c.lattice(), SiteLoops.serial(), c.outputs(), c.inputs())
                .run(c.values()).stream().map(double[]::clone).toList();
        List<double[]> serial = compiled(c, SiteLoops.serial(), compiler).run(c.values()).stream().map(double[]::clone).toList();
        assertEquals(interpreted.size(), serial.size());
        for (int i = 0; i < interpreted.size(); i++) {
            double[] a = interpreted.get(i);
            double[] b = serial.get(i);
            assertEquals(a.length, b.length, "output " + i + " length");
            for (int k = 0; k < a.length; k++) {
                assertEquals(Double.doubleToRawLongBits(a[k]), Double.doubleToRawLongBits(b[k]),
                        "output " + i + " (" + c.outputs().get(i) + ") component " + k + ": " + a[k] + " interpreted, " + b[k] + " compiled");
            }
        }
        // on host arrays the field outputs are computed straight into the caller's arrays: the same bits
        List<HostArray> into = serial.stream().map(v -> new HostArray(nans(v.length))).toList();
        compiled(c, SiteLoops.serial(), compiler).run(java.util.Arrays.stream(c.values()).map(HostArray::new).toList(), into);
        for (int i = 0; i < serial.size(); i++) {
            for (int k = 0; k < serial.get(i).length; k++) {
                assertEquals(Double.doubleToRawLongBits(serial.get(i)[k]), Double.doubleToRawLongBits(into.get(i).data()[k]),
                        "output " + i + " component " + k + " run on host arrays");
            }
        }
        for (int threads : new int[] {2, 3}) {
            try (SiteLoops loops = new SiteLoops(threads)) {
                List<double[]> parallel = compiled(c, loops, compiler).run(c.values());
                for (int i = 0; i < serial.size(); i++) {
                    for (int k = 0; k < serial.get(i).length; k++) {
                        assertEquals(Double.doubleToRawLongBits(serial.get(i)[k]), Double.doubleToRawLongBits(parallel.get(i)[k]),
                                "output " + i + " component " + k + " on " + threads + " threads");
                    }
                }
            }
        }
    }

    private static double[] nans(int n) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, Double.NaN);
        return a;
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

    /** Matrix exponentials of products and their gradients: steps of tens of kilobytes of source. */
    private static Case stoutLikeSteps() {
        Lattice lattice = new Lattice(3, 4);
        List<Input> u = SunDslAction.linkInputs(2, 3);
        Node x = u.get(0).times(u.get(1)).tracelessAntiHermitian().times(0.3).expm();
        Node y = x.times(u.get(1).dagger()).tracelessAntiHermitian().times(0.2).expm().times(x);
        Node s = y.trace().re().sum();
        List<Node> outputs = new ArrayList<>(List.of(y, s));
        outputs.addAll(Autodiff.grad(s, u));
        return new Case(lattice, outputs, u, GraphCases.randomLinks(lattice, 3));
    }

    /** Steps far larger than one method may hold are cut into segments. */
    @Test
    void largeStepsCutIntoSegmentsAgree() {
        Case c = stoutLikeSteps();
        agree(c);
        Schedule schedule = Schedule.of(c.lattice(), c.outputs(), c.inputs(), Schedule.Memory.STORE);
        List<Node> largest = schedule.steps().stream().filter(st -> !Schedule.isGlobal(st))
                .max(Comparator.comparingInt(List::size)).orElseThrow();
        String source = JavaStepRenderer.render(new SiteTables(c.lattice()), largest, schedule.storedNodes(),
                JvmStepCompiler.BUDGET).source();
        int segments = source.split("private void segment", -1).length - 1;
        int largestMethod = JavaSourceCompiler.load(List.of(source)).getFirst().largestMethod();
        assertTrue(segments > 1, "a step of " + source.length() + " characters in " + segments + " segment(s)");
        assertTrue(largestMethod <= 8000, "largest kernel method: " + largestMethod + " bytes");
    }

    /** The backend's compiler declines steps computing 3×3 matrices, which the graph interprets among compiled ones. */
    @Test
    void matrixStepsAreInterpretedAmongCompiledOnes() {
        Case large = stoutLikeSteps();
        List<Node> outputs = new ArrayList<>(large.outputs());
        Node s = large.outputs().get(1);
        outputs.add(large.inputs().getFirst().trace().re().times(s)); // a step of scalars after the sum
        Case c = new Case(large.lattice(), outputs, large.inputs(), large.values());
        Schedule schedule = Schedule.of(c.lattice(), c.outputs(), c.inputs(), Schedule.Memory.STORE);
        List<List<Node>> fieldSteps = schedule.steps().stream().filter(st -> !Schedule.isGlobal(st)).toList();
        List<StepCompiler.CompiledStep> steps = JvmStepCompiler.INSTANCE.compile(schedule, new org.fthmc.dsl.SiteTables(schedule.lattice()), fieldSteps, schedule.storedNodes());
        assertTrue(steps.contains(null), "no step declined of " + fieldSteps.size());
        assertTrue(steps.stream().anyMatch(java.util.Objects::nonNull), "every step declined of " + fieldSteps.size());
        agree(c, JvmStepCompiler.INSTANCE);
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
