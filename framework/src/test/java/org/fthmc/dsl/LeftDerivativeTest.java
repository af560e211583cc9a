package org.fthmc.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.fthmc.lattice.Lattice;
import org.junit.jupiter.api.Test;

/** The Lie-algebra (left) derivative of a function of SU(3) links, pinned against finite differences along e^{tX}. */
class LeftDerivativeTest {
    private static final Lattice LATTICE = new Lattice(3, 2);
    private static final int N = 3;

    /** A random traceless anti-Hermitian matrix per site (the exponent of an SU(3) element). */
    private static double[] randomAlgebra(Random r, int sites) {
        double[] h = DslTesting.random(r, sites * 2 * N * N);
        Input in = Node.input("h", Type.matrix(N, false));
        return DslTesting.eval(LATTICE, in.tracelessAntiHermitian(), List.of(in), h);
    }

    private static double[] expTimes(double[] x, double t, double[] u) {
        Input xs = Node.input("x", Type.matrix(N, false));
        Input us = Node.input("u", Type.matrix(N, false));
        return DslTesting.eval(LATTICE, xs.times(t).expm().times(us), List.of(xs, us), x, u);
    }

    @Test
    void forceMatchesTheDerivativeAlongExpTx() {
        Random r = new Random(4);
        int v = LATTICE.volume();
        double[] u = expTimes(randomAlgebra(r, v), 1.0, expTimes(randomAlgebra(r, v), 0.0, identityField(v)));
        Input links = Node.input("U", Type.matrix(N, false));
        // not a class function, so left and right derivatives differ: Σ_x Re tr(c U(x) U(x+0̂) M) + |tr U|²
        Node m = Node.constant(Type.matrix(N, true), DslTesting.random(r, 2 * N * N));
        Node f = links.times(links.shift(0, 1)).times(m).trace().times(Node.constant(Type.complex(true), 0.7, -0.4))
                .re().plus(links.trace().re().square()).plus(links.trace().im().square()).sum();
        double[] force = DslTesting.eval(LATTICE, Autodiff.leftDerivative(f, links), List.of(links), u);
        double[] x = randomAlgebra(r, v);
        double h = 1e-4;
        double plus = DslTesting.eval(LATTICE, f, List.of(links), expTimes(x, h, u))[0];
        double minus = DslTesting.eval(LATTICE, f, List.of(links), expTimes(x, -h, u))[0];
        double plus2 = DslTesting.eval(LATTICE, f, List.of(links), expTimes(x, h / 2, u))[0];
        double minus2 = DslTesting.eval(LATTICE, f, List.of(links), expTimes(x, -h / 2, u))[0];
        double fd = (4 * (plus2 - minus2) / h - (plus - minus) / (2 * h)) / 3;
        // −2 Σ_x tr(X F): the real part (the imaginary part vanishes for anti-Hermitian X, F)
        Input xs = Node.input("x", Type.matrix(N, false));
        Input fs = Node.input("F", Type.matrix(N, false));
        double[] pairing = DslTesting.eval(LATTICE, xs.times(fs).trace().sum().times(-2), List.of(xs, fs), x, force);
        assertEquals(fd, pairing[0], 1e-9 * Math.max(1, Math.abs(fd)));
        assertEquals(0, pairing[1], 1e-12);
    }

    private static double[] identityField(int sites) {
        double[] u = new double[sites * 2 * N * N];
        for (int s = 0; s < sites; s++) {
            for (int i = 0; i < N; i++) {
                u[s * 2 * N * N + 2 * (i * N + i)] = 1;
            }
        }
        return u;
    }
}
