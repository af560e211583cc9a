package org.fthmc.plugins.action;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.fthmc.comm.SingleProcessCommunicator;
import org.fthmc.gauge.U1DslAction;
import org.fthmc.field.LinkField;
import org.fthmc.gauge.U1Loops;
import org.fthmc.group.U1;
import org.fthmc.lattice.Lattice;
import org.fthmc.parallel.SiteLoops;
import org.fthmc.spi.RunContext;
import org.junit.jupiter.api.Test;

/** The DSL-derived U(1) actions against the hand-written kernel and against an independent loop count. */
class U1DslActionTest {
    private static RunContext context(Lattice l, SiteLoops loops) {
        return new RunContext(l, U1.INSTANCE, loops, SingleProcessCommunicator.INSTANCE);
    }

    @Test
    void dslWilsonForceEqualsTheHandWrittenForce() {
        for (int[] dims : new int[][] {{64, 64}, {5, 3}, {3, 4, 2}, {2, 2, 2, 3}}) {
            Lattice l = new Lattice(dims);
            try (SiteLoops loops = new SiteLoops(2)) {
                U1WilsonAction kernel = new U1WilsonAction(1.7, context(l, loops));
                U1DslAction dsl = new U1DslAction(context(l, loops), theta -> U1Loops.action(theta, 1.7, 0));
                for (int seed = 0; seed < 3; seed++) {
                    LinkField u = LinkField.hot(l, U1.INSTANCE, seed, 0);
                    double[] a = new double[l.links()];
                    double[] b = new double[l.links()];
                    kernel.addForce(u, 1, a);
                    dsl.addForce(u, 1, b);
                    for (int i = 0; i < a.length; i++) {
                        assertEquals(a[i], b[i], 1e-13, "link " + i + " on " + l);
                    }
                    assertEquals(kernel.action(u), dsl.action(u), 1e-11 * kernel.action(u));
                }
            }
        }
    }

    @Test
    void improvedActionCountsEveryRectangleOnce() {
        // One non-zero link θ_0(0) = a on a 6x6 lattice: it lies in 2 plaquettes and in 6 rectangles: a 2x1
        // rectangle along direction 0 has four 0-links (4 rectangles hold the link), a 1x2 along 1 has two (2 more).
        Lattice l = new Lattice(6, 6);
        LinkField u = LinkField.cold(l, U1.INSTANCE);
        double a = 0.4;
        u.data()[u.link(0, 0)] = a;
        double beta = 1.3;
        double c1 = -0.331;
        U1DslAction s = new U1DslAction(context(l, SiteLoops.serial()), theta -> U1Loops.action(theta, beta, c1));
        double expected = beta * ((1 - 8 * c1) * 2 * (1 - Math.cos(a)) + c1 * 6 * (1 - Math.cos(a)));
        assertEquals(expected, s.action(u), 1e-14);
    }

    @Test
    void angleInputsAreOnePerDirection() {
        assertEquals(List.of("theta0", "theta1", "theta2"),
                U1DslAction.angleInputs(3).stream().map(i -> i.name()).toList());
    }
}
