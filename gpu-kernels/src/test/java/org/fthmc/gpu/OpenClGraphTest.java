package org.fthmc.gpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.fthmc.dsl.Autodiff;
import org.fthmc.dsl.CompiledGraph;
import org.fthmc.dsl.DeviceArray;
import org.fthmc.dsl.DslException;
import org.fthmc.dsl.DslTesting;
import org.fthmc.dsl.GraphCases;
import org.fthmc.dsl.GraphCases.Case;
import org.fthmc.dsl.HostArray;
import org.fthmc.dsl.Input;
import org.fthmc.dsl.Node;
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

/** Graphs run on OpenCL give the CPU executor's values (to rounding), for every primitive of the DSL. */
class OpenClGraphTest {
    private static final Lattice U1 = new Lattice(6, 4);

    /**
     * Runs the graph on the CPU and on the device (compiled with a fusion budget) and asserts the outputs agree to a
     * relative 1e-12; returns the device graph's kernel launches per run.
     */
    private static int agree(Lattice lattice, int fusionBudget, List<Node> outputs, List<Input> inputs, double[]... values) {
        List<double[]> cpu = CompiledGraph.compile(lattice, SiteLoops.serial(), outputs, inputs).run(values);
        try (OpenClGraph gpu = OpenClGraph.compile(OpenClTesting.device(), lattice, outputs, inputs, true, fusionBudget)) {
            List<double[]> device = gpu.run(values);
            assertEquals(cpu.size(), device.size());
            for (int i = 0; i < cpu.size(); i++) {
                double[] a = cpu.get(i);
                double[] b = device.get(i);
                assertEquals(a.length, b.length, "output " + i + " length");
                double scale = 1;
                for (double v : a) {
                    scale = Math.max(scale, Math.abs(v));
                }
                for (int k = 0; k < a.length; k++) {
                    assertEquals(a[k], b[k], 1e-12 * scale, "output " + i + " (" + outputs.get(i) + ") component " + k);
                }
            }
            return gpu.launches();
        }
    }

    private static int agree(Case c) {
        return agree(c.lattice(), 0, c.outputs(), c.inputs(), c.values());
    }

    @Test
    void u1WilsonActionForceAndSecondDerivativesAgree() {
        agree(GraphCases.u1WilsonDerivatives());
    }

    @Test
    void su3WilsonForceAgrees() {
        agree(GraphCases.su3WilsonForce(new Lattice(3, 2, 2, 2)));
    }

    @Test
    void everyOtherPrimitiveAgrees() {
        agree(GraphCases.everyOtherPrimitive());
    }

    @Test
    void convolutionalNetworkAndItsWeightGradientAgree() {
        agree(convolutionalNetwork());
    }

    @Test
    void fusedShiftsAgreeInFewerLaunches() {
        Case cnn = convolutionalNetwork();
        int unfused = agree(cnn);
        int fused = agree(cnn.lattice(), 5000, cnn.outputs(), cnn.inputs(), cnn.values());
        assertTrue(fused < unfused, fused + " launches fused, " + unfused + " unfused");
        List<Input> theta = GraphCases.angles(2);
        List<Node> force = Autodiff.grad(GraphCases.u1Wilson(theta, 2.5).cos().plus(GraphCases.u1Wilson(theta, 1).sin()), theta);
        Random r = new Random(6);
        double[] a = DslTesting.random(r, U1.volume());
        double[] b = DslTesting.random(r, U1.volume());
        assertTrue(agree(U1, 5000, force, theta, a, b) < agree(U1, 0, force, theta, a, b));
    }

    private static Case convolutionalNetwork() {
        return GraphCases.convolutionalNetwork(new int[] {3, 4, 4, 2});
    }

    @Test
    void runsAreBitIdenticalAndOutputsMayBeInputsOrConstants() {
        List<Input> theta = GraphCases.angles(2);
        Node s = GraphCases.u1Wilson(theta, 1.0);
        List<Node> outputs = List.of(s, theta.get(1), Node.constant(2.5));
        Random r = new Random(9);
        double[] a = DslTesting.random(r, U1.volume());
        double[] b = DslTesting.random(r, U1.volume());
        try (OpenClGraph graph = OpenClGraph.compile(OpenClTesting.device(), U1, outputs, theta)) {
            double first = graph.run(a, b).getFirst()[0];
            for (int i = 0; i < 3; i++) {
                List<double[]> again = graph.run(a, b);
                assertEquals(Double.doubleToRawLongBits(first), Double.doubleToRawLongBits(again.get(0)[0]));
                assertArrayEquals(b, again.get(1));
                assertEquals(2.5, again.get(2)[0]);
            }
            assertTrue(graph.deviceBytes() >= 3L * 8 * U1.volume());
        }
    }

    private static double[] read(DeviceArray a) {
        double[] host = new double[a.length()];
        a.read(host);
        return host;
    }

    private static void assertBitIdentical(double[] expected, DeviceArray actual, String what) {
        double[] a = read(actual);
        for (int k = 0; k < expected.length; k++) {
            assertEquals(Double.doubleToRawLongBits(expected[k]), Double.doubleToRawLongBits(a[k]), what + " component " + k);
        }
    }

    @Test
    void runsOnDeviceArraysChainWithoutTheHostAndMayUpdateInPlace() {
        List<Input> theta = GraphCases.angles(2);
        List<Node> force = Autodiff.grad(GraphCases.u1Wilson(theta, 1.5), theta);
        List<Node> outputs = List.of(GraphCases.u1Wilson(theta, 1.5), force.get(0), force.get(1), theta.get(1), Node.constant(2.5));
        Random r = new Random(4);
        double[] a = DslTesting.random(r, U1.volume());
        double[] b = DslTesting.random(r, U1.volume());
        OpenClDevice device = OpenClTesting.device();
        int n = U1.volume();
        try (OpenClGraph graph = OpenClGraph.compile(device, U1, outputs, theta);
             OpenClArray x = new OpenClArray(device, n); OpenClArray y = new OpenClArray(device, n);
             OpenClArray s = new OpenClArray(device, 1); OpenClArray f0 = new OpenClArray(device, n);
             OpenClArray f1 = new OpenClArray(device, n); OpenClArray through = new OpenClArray(device, n);
             OpenClArray c = new OpenClArray(device, 1)) {
            List<double[]> once = graph.run(a, b).stream().map(double[]::clone).toList();
            List<double[]> twice = graph.run(once.get(1), once.get(2)).stream().map(double[]::clone).toList();
            x.write(a);
            y.write(b);
            graph.run(List.of(x, y), List.of(s, f0, f1, through, c));
            graph.run(List.of(f0, f1), List.of(s, x, y, through, c)); // chained on the device: no host values between
            assertBitIdentical(twice.get(0), s, "action of the second run");
            assertBitIdentical(twice.get(1), x, "force 0 of the second run");
            assertBitIdentical(twice.get(2), y, "force 1 of the second run");
            assertBitIdentical(once.get(2), through, "passed-through input");
            assertEquals(2.5, read(c)[0]);
            graph.run(List.of(f0, f1), List.of(s, f0, f1, through, c)); // in place: the forces overwrite their inputs
            assertBitIdentical(twice.get(1), f0, "force 0 in place");
            assertBitIdentical(twice.get(2), f1, "force 1 in place");
            assertBitIdentical(once.get(2), through, "input passed through before being overwritten");
            x.write(a);
            y.write(b);
            graph.run(List.of(x, y), List.of(s, f0, f1, x, c)); // input y passed through into input x
            assertBitIdentical(b, x, "y passed through into x");
            assertBitIdentical(once.get(1), f0, "force 0 read x before it was overwritten");
            assertTrue(assertThrows(DslException.class, () -> graph.run(List.of(new HostArray(a), y),
                    List.of(s, f0, f1, through, c))).getMessage().contains("HostArray"));
            assertTrue(assertThrows(DslException.class, () -> graph.run(List.of(x, y), List.of(f0, f0, f1, through, c)))
                    .getMessage().contains("output 0 needs 1 values"));
        }
    }

    @Test
    void wrongInputsAreRefusedWithTheirCountAndLength() {
        List<Input> theta = GraphCases.angles(2);
        try (OpenClGraph graph = OpenClGraph.compile(OpenClTesting.device(), U1, List.of(GraphCases.u1Wilson(theta, 1)), theta)) {
            assertTrue(assertThrows(DslException.class, () -> graph.run(new double[U1.volume()]))
                    .getMessage().contains("1 values for 2 inputs"));
            assertTrue(assertThrows(DslException.class, () -> graph.run(new double[U1.volume()], new double[3]))
                    .getMessage().contains("needs " + U1.volume()));
        }
    }
}
