package org.fthmc.dsl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.fthmc.lattice.Lattice;
import org.fthmc.parallel.SiteLoops;
import org.junit.jupiter.api.Test;

/**
 * A masked update computed only on its mask's sites ({@link ComputedSites}, {@link SiteOrder}) gives the values of the
 * same graph with the mask bound as an input, which the executor cannot see into and computes everywhere.
 */
class ComputedSitesTest {
    private static final Lattice LATTICE = new Lattice(8, 6);

    /** u + (f(u) − u)·m and Σ g(u)·m with f, g reading neighbours, and the gradient of the sum. */
    private static List<Node> masked(Input u, Node m) {
        Node f = u.shift(0, 1).times(u.shift(1, -1)).sin().plus(u.shift(1, 2).cos());
        Node out = u.plus(f.minus(u).times(m));
        Node g = u.shift(0, -1).exp().times(u).times(m).sum();
        return List.of(out, g, Autodiff.grad(g.plus(out.square().sum()), u));
    }

    @Test
    void aMaskedGraphComputesHalfTheSitesAndGivesTheUnmaskedGraphsValues() {
        Input u = Node.input("u", Type.FIELD);
        Input mInput = Node.input("m", Type.FIELD);
        FieldConstant mask = Node.mask(LATTICE, LATTICE.paritySites(1));
        double[] data = DslTesting.random(new Random(3), LATTICE.volume());
        try (SiteLoops loops = new SiteLoops(2)) {
            CompiledGraph sparse = CompiledGraph.compile(LATTICE, loops, masked(u, mask), List.of(u));
            CompiledGraph dense = CompiledGraph.compile(LATTICE, loops, masked(u, mInput), List.of(u, mInput));
            List<double[]> got = sparse.run(data);
            List<double[]> expected = dense.run(data, mask.data());
            for (int i = 0; i < got.size(); i++) {
                for (int k = 0; k < got.get(i).length; k++) {
                    assertEquals(expected.get(i)[k], got.get(i)[k], 0.0, "output " + i + ", entry " + k);
                }
            }
            // the masked graph's nodes run on the parity's sites: well under the flops of the graph computed everywhere
            assertTrue(sparse.flops() < 0.7 * dense.flops(), sparse.flops() + " against " + dense.flops());
            List<double[]> serial = CompiledGraph.compile(LATTICE, SiteLoops.serial(), masked(u, mask), List.of(u)).run(data);
            for (int i = 0; i < got.size(); i++) {
                assertArrayEquals(got.get(i), serial.get(i), "output " + i + " on 1 thread");
            }
        }
    }

    @Test
    void aValueMaskedAwayIsZeroEvenWhereItIsNotFinite() {
        Input u = Node.input("u", Type.FIELD);
        FieldConstant mask = Node.mask(LATTICE, LATTICE.paritySites(0));
        double[] data = new double[LATTICE.volume()];
        java.util.Arrays.fill(data, -1.0); // log(−1) is NaN on every site
        double[] out = CompiledGraph.compile(LATTICE, SiteLoops.serial(), List.of(u.log().times(mask).plus(u)), List.of(u))
                .run(data).getFirst();
        int[] x = new int[2];
        for (int s = 0; s < out.length; s++) {
            LATTICE.coordinates(s, x);
            if ((x[0] + x[1]) % 2 != 0) {
                assertEquals(-1.0, out[s], 0.0, "site " + s + " is masked away");
            } else {
                assertTrue(Double.isNaN(out[s]), "site " + s + " is on the mask");
            }
        }
    }
}
