package org.fthmc.plugins.action;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.Function;
import org.fthmc.comm.SingleProcessCommunicator;
import org.fthmc.dsl.Input;
import org.fthmc.dsl.Node;
import org.fthmc.field.LinkField;
import org.fthmc.gauge.SunDslAction;
import org.fthmc.gauge.SunLoops;
import org.fthmc.group.SUN;
import org.fthmc.lattice.Lattice;
import org.fthmc.parallel.SiteLoops;
import org.fthmc.spi.GaugeAction;
import org.fthmc.spi.RunContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The hand-written SU(N) staple forces (Wilson and plaquette + rectangle) equal the DSL-derived ones, and the actions agree. */
class SunKernelTest {
    private static final double DBW2 = -1.4088;

    @ParameterizedTest(name = "SU({0}) on {1}")
    @CsvSource({"2, 3x4", "3, 3x2x2", "3, 2x3x2x3", "4, 2x2x3"})
    void wilsonKernelEqualsTheDslForce(int n, String shape) {
        compare(n, shape, context -> SunLoopKernel.wilson(5.7, context), u -> SunLoops.plaquetteDensity(u).sum().times(5.7));
    }

    @ParameterizedTest(name = "SU({0}) on {1}")
    @CsvSource({"2, 3x4", "3, 4x3x2", "3, 3x4x3x3", "4, 3x3x4"})
    void improvedKernelEqualsTheDslForce(int n, String shape) {
        compare(n, shape, context -> SunLoopKernel.improved(0.8, DBW2, context), u -> SunLoops.improvedDensity(u, DBW2).sum().times(0.8));
    }

    @ParameterizedTest(name = "SU({0}) on {1}")
    @CsvSource({"2, 3x4", "3, 3x3x4x3"})
    void improvedTermsAreThePlaquetteAndRectangleParts(int n, String shape) {
        double c0 = 1 - 8 * DBW2;
        compare(n, shape, context -> SunLoopKernel.improved(0.8, DBW2, context).terms().get(SunLoopKernel.PLAQUETTE),
                u -> SunLoops.plaquetteDensity(u).sum().times(0.8 * c0));
        compare(n, shape, context -> SunLoopKernel.improved(0.8, DBW2, context).terms().get(SunLoopKernel.RECTANGLE),
                u -> SunLoops.rectangleDensity(u).sum().times(0.8 * DBW2));
    }

    private static void compare(int n, String shape, Function<RunContext, GaugeAction> kernelOf, Function<List<Input>, Node> graph) {
        int[] dims = java.util.Arrays.stream(shape.split("x")).mapToInt(Integer::parseInt).toArray();
        Lattice l = new Lattice(dims);
        SUN g = SUN.of(n);
        try (SiteLoops loops = new SiteLoops(2)) {
            RunContext context = new RunContext(l, g, loops, SingleProcessCommunicator.INSTANCE);
            GaugeAction kernel = kernelOf.apply(context);
            SunDslAction dsl = new SunDslAction(context, graph);
            LinkField u = LinkField.hot(l, g, n, 0);
            double[] a = new double[l.links() * g.algebraDimension()];
            double[] b = new double[a.length];
            kernel.addForce(u, 1, a);
            dsl.addForce(u, 1, b);
            double scale = 0;
            for (double x : b) {
                scale = Math.max(scale, Math.abs(x));
            }
            for (int i = 0; i < a.length; i++) {
                assertEquals(b[i], a[i], 1e-13 * Math.max(1, scale), "component " + i);
            }
            assertEquals(dsl.action(u), kernel.action(u), 1e-11 * Math.abs(dsl.action(u)));
        }
    }
}
