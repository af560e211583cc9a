package org.fthmc.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.fthmc.lattice.Lattice;
import org.junit.jupiter.api.Test;

/** Values of the typed primitives and composites against arithmetic done by hand, on one global value. */
class ValuesTest {
    private static final Lattice LATTICE = new Lattice(2, 2);

    private static double[] value(Node n) {
        return DslTesting.eval(LATTICE, n, List.of());
    }

    private static void assertComponents(double[] expected, double[] actual, double tolerance) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tolerance, "component " + i);
        }
    }

    private static Node complex(double re, double im) {
        return Node.constant(Type.complex(true), re, im);
    }

    private static Node matrix2(double... entries) {
        return Node.constant(Type.matrix(2, true), entries);
    }

    @Test
    void complexArithmetic() {
        // (1 + 2i)(3 − i) = 5 + 5i; conj; re, im
        assertComponents(new double[] {5, 5}, value(complex(1, 2).times(complex(3, -1))), 0);
        assertComponents(new double[] {1, -2}, value(complex(1, 2).conj()), 0);
        assertComponents(new double[] {1}, value(complex(1, 2).re()), 0);
        assertComponents(new double[] {2}, value(complex(1, 2).im()), 0);
        assertComponents(new double[] {2, 4}, value(complex(1, 2).times(2)), 0);
    }

    @Test
    void matrixArithmetic() {
        // A = [[1, i], [2, 3]], B = [[0, 1], [1, i]]: AB = [[i, 1 − 1], [3, 2 + 3i]]
        Node a = matrix2(1, 0, 0, 1, 2, 0, 3, 0);
        Node b = matrix2(0, 0, 1, 0, 1, 0, 0, 1);
        assertComponents(new double[] {0, 1, 0, 0, 3, 0, 2, 3}, value(a.times(b)), 1e-15);
        assertComponents(new double[] {1, 0, 2, 0, 0, -1, 3, 0}, value(a.dagger()), 0);
        assertComponents(new double[] {4, 0}, value(a.trace()), 0);
        assertComponents(new double[] {3, -2}, value(a.det()), 1e-15); // 3 − 2i
        assertComponents(new double[] {0, 1}, value(a.element(0, 1)), 0);
        assertComponents(new double[] {2, 0}, value(a.element(1, 0)), 0);
    }

    @Test
    void threeByThreeDeterminantAndTracelessAntiHermitianPart() {
        double[] m = {2, 1, 0, 0, 1, -1, 0, 3, 1, 0, 4, 0, 5, 1, 0, 0, 2, -2};
        Node a = Node.constant(Type.matrix(3, true), m);
        double[] det = value(a.det());
        double[] expected = det3(m);
        assertComponents(expected, det, 1e-13);
        double[] ta = value(a.tracelessAntiHermitian());
        // anti-Hermitian and traceless
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(-ta[2 * (j * 3 + i)], ta[2 * (i * 3 + j)], 1e-15);
                assertEquals(ta[2 * (j * 3 + i) + 1], ta[2 * (i * 3 + j) + 1], 1e-15);
            }
        }
        assertEquals(0, ta[1] + ta[9] + ta[17], 1e-15);
    }

    /** det of a 3x3 complex matrix by the Leibniz formula, in plain doubles. */
    private static double[] det3(double[] m) {
        int[][] perms = {{0, 1, 2, 1}, {1, 2, 0, 1}, {2, 0, 1, 1}, {0, 2, 1, -1}, {2, 1, 0, -1}, {1, 0, 2, -1}};
        double re = 0;
        double im = 0;
        for (int[] p : perms) {
            double pr = p[3];
            double pi = 0;
            for (int row = 0; row < 3; row++) {
                double er = m[2 * (row * 3 + p[row])];
                double ei = m[2 * (row * 3 + p[row]) + 1];
                double nr = pr * er - pi * ei;
                pi = pr * ei + pi * er;
                pr = nr;
            }
            re += pr;
            im += pi;
        }
        return new double[] {re, im};
    }

    @Test
    void matrixExponentialOfARotationGenerator() {
        double t = 1.3;
        double[] e = value(matrix2(0, 0, t, 0, -t, 0, 0, 0).expm());
        assertComponents(new double[] {Math.cos(t), 0, Math.sin(t), 0, -Math.sin(t), 0, Math.cos(t), 0}, e, 1e-14);
        // an su(2) element: exp(i θ σ_3) = diag(e^{iθ}, e^{−iθ})
        double[] d = value(matrix2(0, 0.7, 0, 0, 0, 0, 0, -0.7).expm());
        assertComponents(new double[] {Math.cos(0.7), Math.sin(0.7), 0, 0, 0, 0, Math.cos(0.7), -Math.sin(0.7)}, d, 1e-15);
    }

    /** TA(M) is traceless and anti-Hermitian bit for bit (the Cayley–Hamilton invariants rely on Q† = −Q). */
    @Test
    void tracelessAntiHermitianPartIsExactlyAntiHermitian() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        for (int n : new int[] {2, 3, 4}) {
            double[] m = new double[2 * n * n];
            for (int i = 0; i < m.length; i++) {
                m[i] = random.nextGaussian();
            }
            double[] q = value(Node.constant(Type.matrix(n, true), m).tracelessAntiHermitian());
            double trace = 0;
            for (int i = 0; i < n; i++) {
                trace += q[2 * (i * n + i) + 1];
                for (int j = 0; j < n; j++) {
                    assertEquals(-q[2 * (j * n + i)], q[2 * (i * n + j)], 0, "re (" + i + ", " + j + ")");
                    assertEquals(q[2 * (j * n + i) + 1], q[2 * (i * n + j) + 1], 0, "im (" + i + ", " + j + ")");
                }
                // ½(M − M†) has the anti-Hermitian part of M: compare with the formula
                for (int j = 0; j < n; j++) {
                    double expected = 0.5 * (m[2 * (i * n + j)] - m[2 * (j * n + i)]);
                    assertEquals(expected, q[2 * (i * n + j)], 1e-15);
                }
            }
            assertEquals(0, trace, 1e-15);
        }
    }

    /** e^{TA(M)} by Cayley–Hamilton equals the Taylor polynomial's, n = 2 and 3, ‖TA(M)‖ up to 4 (and M = 0). */
    @Test
    void exponentialOfTheTracelessAntiHermitianPartEqualsTheTaylorPolynomials() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        for (int n : new int[] {2, 3}) {
            for (double norm : new double[] {0, 0.01, 0.3, 1, 2.5, 4}) {
                double[] m = new double[2 * n * n];
                for (int i = 0; i < m.length; i++) {
                    m[i] = random.nextGaussian();
                }
                double[] q = value(Node.constant(Type.matrix(n, true), m).tracelessAntiHermitian());
                double frobenius = Math.sqrt(java.util.Arrays.stream(q).map(v -> v * v).sum());
                for (int i = 0; i < m.length; i++) {
                    m[i] *= norm / frobenius;
                }
                Node a = Node.constant(Type.matrix(n, true), m);
                assertComponents(value(a.tracelessAntiHermitian().expm()), value(a.expTracelessAntiHermitian()), 2e-14);
            }
        }
    }

    @Test
    void inverseAndLogAbsDetOfAComplexMatrix() {
        // [[1+i, 2], [0.5, -1+3i]]: det = (1+i)(-1+3i) - 1 = -5+2i, |det| = sqrt(29)
        Node m = matrix2(1, 1, 2, 0, 0.5, 0, -1, 3);
        assertComponents(new double[] {1, 0, 0, 0, 0, 0, 1, 0}, value(m.times(m.inverse())), 1e-15);
        assertComponents(new double[] {0.5 * Math.log(29)}, value(m.logAbsDet()), 1e-15);
    }

    @Test
    void denseLayersAndOuterProducts() {
        Node w = Node.constant(Type.vector(6, true), 1, 2, 3, 4, 5, 6); // 2x3
        Node x = Node.constant(Type.vector(3, true), 1, 0, -1);
        assertComponents(new double[] {-2, -2}, value(x.dense(w, 2)), 0);
        Node y = Node.constant(Type.vector(2, true), 1, 1);
        assertComponents(new double[] {5, 7, 9}, value(new DenseT(w, y, 3)), 0);
        assertComponents(new double[] {1, 0, -1, 1, 0, -1}, value(new Outer(y, x)), 0);
        assertComponents(new double[] {2}, value(x.dot(x)), 0);
        assertComponents(new double[] {-1}, value(x.component(2)), 0);
    }

    @Test
    void aMaskSelectsItsSubLattice() {
        Lattice l = new Lattice(4, 6);
        Input x = Node.input("x", Type.FIELD);
        double[] data = DslTesting.random(new java.util.Random(5), l.volume());
        var odd = l.paritySites(1);
        double expected = 0;
        for (int site : odd.sites()) {
            expected += data[site];
        }
        assertEquals(expected, DslTesting.eval(l, x.times(Node.mask(l, odd)).sum(), List.of(x), data)[0], 1e-14);
    }

    @Test
    void typeErrorsNameTheOperation() {
        Node z = complex(1, 0);
        Node m = matrix2(1, 0, 0, 0, 0, 0, 1, 0);
        Node v = Node.basisVector(3, 0);
        assertTrue(assertThrows(DslException.class, () -> m.times(v)).getMessage().contains("times"));
        assertTrue(assertThrows(DslException.class, () -> m.plus(z)).getMessage().contains("plus"));
        assertTrue(assertThrows(DslException.class, () -> z.sin()).getMessage().contains("sin"));
        assertTrue(assertThrows(DslException.class, () -> z.dagger()).getMessage().contains("dagger"));
        assertTrue(assertThrows(DslException.class, () -> v.component(3)).getMessage().contains("component(3)"));
        assertTrue(assertThrows(DslException.class, () -> v.dense(Node.basisVector(5, 0), 2)).getMessage().contains("dense"));
        assertTrue(assertThrows(DslException.class, () -> m.times(Node.identity(3))).getMessage().contains("times"));
        assertTrue(assertThrows(DslException.class, () -> Node.input("M", Type.matrix(4, false)).det()).getMessage().contains("n <= 3"));
        assertTrue(assertThrows(DslException.class, () -> m.plus(1)).getMessage().contains("plus"));
    }
}
