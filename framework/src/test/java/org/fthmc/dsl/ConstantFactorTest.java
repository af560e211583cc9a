package org.fthmc.dsl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.fthmc.group.SUN;
import org.fthmc.lattice.Lattice;
import org.fthmc.math.ComplexMatrices;
import org.fthmc.parallel.SiteLoops;
import org.junit.jupiter.api.Test;

/**
 * Products and dot products with a constant factor (an su(3) generator, mostly zeros) skip the constant's zeros
 * and still give, bit for bit, the dense kernels' result; the flop count follows the terms computed.
 */
class ConstantFactorTest {
    private static final Lattice LATTICE = new Lattice(2, 3);
    private static final SUN SU3 = SUN.of(3);

    @Test
    void productsWithAGeneratorOnEitherSideAndEitherFactorDaggeredEqualTheDenseProductBitForBit() {
        Random r = new Random(11);
        Input a = Node.input("A", Type.matrix(3, false));
        double[] field = DslTesting.random(r, 18 * LATTICE.volume());
        for (int g = 0; g < 8; g++) {
            double[] t = SU3.generator(g);
            Node k = Node.constant(Type.matrix(3, true), t);
            // the dagger of A is folded into the products (read transposed in place); the constant's is folded too
            List<Node> products = List.of(a.times(k), k.times(a), a.dagger().times(k), k.times(a.dagger()),
                    a.times(k.dagger()), k.dagger().times(a.dagger()));
            boolean[][] daggers = {{false, false}, {false, false}, {true, false}, {false, true}, {false, true}, {true, true}};
            boolean[] constantLeft = {false, true, false, true, false, true};
            List<double[]> values = CompiledGraph.compile(LATTICE, SiteLoops.serial(), products, List.of(a)).run(field);
            for (int p = 0; p < products.size(); p++) {
                double[] expected = new double[field.length];
                for (int x = 0; x < LATTICE.volume(); x++) {
                    double[] left = constantLeft[p] ? t : field;
                    double[] right = constantLeft[p] ? field : t;
                    ComplexMatrices.multiply3(left, constantLeft[p] ? 0 : 18 * x, daggers[p][0],
                            right, constantLeft[p] ? 18 * x : 0, daggers[p][1], expected, 18 * x, false);
                }
                assertArrayEquals(expected, values.get(p), 0.0, "generator " + g + ", product " + products.get(p));
            }
        }
    }

    @Test
    void aDotProductWithAConstantEqualsTheDenseSumBitForBit() {
        Random r = new Random(12);
        Input a = Node.input("A", Type.matrix(3, false));
        double[] field = DslTesting.random(r, 18 * LATTICE.volume());
        double[] k = new double[18];
        k[3] = -1.5;
        k[10] = 0.25;
        k[17] = 2;
        double[] got = DslTesting.eval(LATTICE, a.dot(Node.constant(Type.matrix(3, true), k)), List.of(a), field);
        for (int x = 0; x < LATTICE.volume(); x++) {
            double s = 0;
            for (int c = 0; c < 18; c++) {
                s += field[18 * x + c] * k[c];
            }
            assertEquals(s, got[x], 0.0, "site " + x);
        }
    }

    @Test
    void theFlopCountFollowsTheNonZeroTerms() {
        Input a = Node.input("A", Type.matrix(3, false));
        Node t1 = Node.constant(Type.matrix(3, true), SU3.generator(0)); // two non-zero entries
        Node t8 = Node.constant(Type.matrix(3, true), SU3.generator(7)); // three
        assertEquals(8.0 * 3 * 2 * LATTICE.volume(),
                CompiledGraph.compile(LATTICE, SiteLoops.serial(), List.of(a.times(t1)), List.of(a)).flops());
        assertEquals(8.0 * 3 * 3 * LATTICE.volume(),
                CompiledGraph.compile(LATTICE, SiteLoops.serial(), List.of(t8.times(a)), List.of(a)).flops());
        assertEquals(2.0 * 2 * LATTICE.volume(),
                CompiledGraph.compile(LATTICE, SiteLoops.serial(), List.of(a.dot(t1)), List.of(a)).flops());
    }
}
