package org.fthmc.plugins.action;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.fthmc.comm.SingleProcessCommunicator;
import org.fthmc.dsl.SunDslAction;
import org.fthmc.field.LinkField;
import org.fthmc.group.SUN;
import org.fthmc.lattice.Lattice;
import org.fthmc.measure.SunLoops;
import org.fthmc.parallel.SiteLoops;
import org.fthmc.spi.RunContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The hand-written SU(N) staple force equals the DSL-derived force, and the two actions agree. */
class SunKernelTest {
    @ParameterizedTest(name = "SU({0}) on {1}")
    @CsvSource({"2, 3x4", "3, 3x2x2", "3, 2x3x2x3", "4, 2x2x3"})
    void kernelEqualsTheDslForce(int n, String shape) {
        int[] dims = java.util.Arrays.stream(shape.split("x")).mapToInt(Integer::parseInt).toArray();
        Lattice l = new Lattice(dims);
        SUN g = SUN.of(n);
        try (SiteLoops loops = new SiteLoops(2)) {
            RunContext context = new RunContext(l, g, loops, SingleProcessCommunicator.INSTANCE);
            SunWilsonKernel kernel = new SunWilsonKernel(5.7, context);
            SunDslAction dsl = new SunDslAction(context, u -> SunLoops.plaquetteDensity(u).sum().times(5.7));
            LinkField u = LinkField.hot(l, g, n, 0);
            double[] a = new double[l.links() * g.algebraDimension()];
            double[] b = new double[a.length];
            kernel.addForce(u, 1, a);
            dsl.addForce(u, 1, b);
            for (int i = 0; i < a.length; i++) {
                assertEquals(b[i], a[i], 1e-13 * Math.max(1, Math.abs(b[i])), "component " + i);
            }
            assertEquals(dsl.action(u), kernel.action(u), 1e-11 * dsl.action(u));
        }
    }
}
