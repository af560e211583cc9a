package org.fthmc.dsl;

import java.util.List;
import java.util.Random;
import org.fthmc.lattice.Lattice;
import org.fthmc.parallel.SiteLoops;

/** Evaluation and finite-difference helpers for DSL tests. */
public final class DslTesting {
    private DslTesting() {
    }

    /** Evaluates one node with the inputs bound to values (serial loops). */
    public static double[] eval(Lattice lattice, Node node, List<Input> inputs, double[]... values) {
        return CompiledGraph.compile(lattice, SiteLoops.serial(), List.of(node), inputs).run(values).getFirst().clone();
    }

    public static double[] random(Random r, int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = 2 * r.nextDouble() - 1;
        }
        return a;
    }

    public static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** x + h v, elementwise. */
    public static double[] step(double[] x, double[] v, double h) {
        double[] y = x.clone();
        for (int i = 0; i < y.length; i++) {
            y[i] += h * v[i];
        }
        return y;
    }

    /**
     * The central difference (f(x + h v) − f(x − h v)) / 2h of node f, moving input number k along v, with a
     * Richardson step (4 D(h/2) − D(h)) / 3 so the error is O(h⁴).
     */
    public static double[] finiteDifference(Lattice lattice, Node f, List<Input> inputs, double[][] values, int k, double[] v) {
        return richardson(lattice, f, inputs, values, k, v, 1e-3);
    }

    /** Richardson-extrapolated central differences and an estimate of their own error. */
    public record Difference(double[] value, double[] error) {
    }

    /**
     * Richardson-extrapolated central differences at steps h/2, h/4, with their error estimated as the change from
     * the extrapolation at h, h/2 (graphs with large high derivatives make a fixed tolerance on FD fail by chance).
     */
    public static Difference finiteDifferenceWithError(Lattice lattice, Node f, List<Input> inputs, double[][] values, int k,
                                                       double[] v) {
        double[] coarse = richardson(lattice, f, inputs, values, k, v, 1e-3);
        double[] fine = richardson(lattice, f, inputs, values, k, v, 5e-4);
        double[] error = new double[fine.length];
        for (int i = 0; i < fine.length; i++) {
            error[i] = Math.abs(fine[i] - coarse[i]);
        }
        return new Difference(fine, error);
    }

    /** |exact − fd| ≤ relative · max(1, |fd|) + 10 × fd's error estimate, component by component. */
    public static void assertMatches(Difference fd, double[] exact, double relative, String what) {
        for (int i = 0; i < exact.length; i++) {
            double tolerance = relative * Math.max(1, Math.abs(fd.value()[i])) + 10 * fd.error()[i];
            org.junit.jupiter.api.Assertions.assertEquals(fd.value()[i], exact[i], tolerance, what + " at " + i);
        }
    }

    private static double[] richardson(Lattice lattice, Node f, List<Input> inputs, double[][] values, int k, double[] v, double h) {
        double[] coarse = central(lattice, f, inputs, values, k, v, h);
        double[] fine = central(lattice, f, inputs, values, k, v, h / 2);
        double[] d = new double[fine.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = (4 * fine[i] - coarse[i]) / 3;
        }
        return d;
    }

    private static double[] central(Lattice lattice, Node f, List<Input> inputs, double[][] values, int k, double[] v, double h) {
        double[][] plus = values.clone();
        double[][] minus = values.clone();
        plus[k] = step(values[k], v, h);
        minus[k] = step(values[k], v, -h);
        double[] a = eval(lattice, f, inputs, plus);
        double[] b = eval(lattice, f, inputs, minus);
        double[] d = new double[a.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = (a[i] - b[i]) / (2 * h);
        }
        return d;
    }
}
