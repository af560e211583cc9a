package org.fthmc.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.fthmc.lattice.Lattice;
import org.fthmc.parallel.SiteLoops;
import org.junit.jupiter.api.Test;

/**
 * The sum over sites of an outer product read by nothing else (a weight gradient) is accumulated site by site without
 * storing the outer product, and gives the stored outer product's sum bit for bit, on any thread count, also where
 * a masked factor makes the outer product zero on half the sites.
 */
class FoldedOuterSumTest {
    private static final Lattice LATTICE = new Lattice(8, 6);

    private record Graphs(CompiledGraph folded, CompiledGraph stored, List<Input> inputs) {
    }

    /** Σ_x (mask·a)_x ⊗ b_x, alone (folded) and with the outer product an output too (stored). */
    private static Graphs graphs(SiteLoops loops) {
        Input a = Node.input("a", Type.vector(3, false));
        Input b = Node.input("b", Type.vector(4, false));
        Node outer = a.times(Node.mask(LATTICE, LATTICE.paritySites(0))).outer(b);
        List<Input> inputs = List.of(a, b);
        return new Graphs(CompiledGraph.compile(LATTICE, loops, List.of(outer.sum()), inputs),
                CompiledGraph.compile(LATTICE, loops, List.of(outer.sum(), outer), inputs), inputs);
    }

    private static double[][] values() {
        Random r = new Random(5);
        return new double[][] {DslTesting.random(r, 3 * LATTICE.volume()), DslTesting.random(r, 4 * LATTICE.volume())};
    }

    @Test
    void foldedSumEqualsTheStoredOuterProductsSumBitForBit() {
        Graphs g = graphs(SiteLoops.serial());
        double[][] v = values();
        double[] folded = g.folded().run(v).getFirst().clone();
        double[] stored = g.stored().run(v).getFirst();
        assertEquals(12, folded.length);
        for (int k = 0; k < folded.length; k++) {
            assertEquals(Double.doubleToRawLongBits(stored[k]), Double.doubleToRawLongBits(folded[k]), "component " + k);
        }
        double expected = 0;
        for (int x = 0; x < LATTICE.volume(); x++) {
            int[] c = new int[2];
            LATTICE.coordinates(x, c);
            expected += (c[0] + c[1]) % 2 == 0 ? v[0][3 * x + 1] * v[1][4 * x + 2] : 0;
        }
        assertEquals(expected, folded[4 + 2], 1e-12, "component (1, 2) against a plain loop over the even sites");
    }

    @Test
    void foldedSumIsTheSameOnAnyThreadCount() {
        double[][] v = values();
        double[] serial = graphs(SiteLoops.serial()).folded().run(v).getFirst().clone();
        for (int threads : new int[] {2, 3}) {
            try (SiteLoops loops = new SiteLoops(threads)) {
                double[] parallel = graphs(loops).folded().run(v).getFirst();
                for (int k = 0; k < serial.length; k++) {
                    assertEquals(Double.doubleToRawLongBits(serial[k]), Double.doubleToRawLongBits(parallel[k]),
                            "component " + k + " on " + threads + " threads");
                }
            }
        }
    }

    @Test
    void theOuterProductGetsNoBuffer() {
        Graphs g = graphs(SiteLoops.serial());
        long outerBytes = 8L * 12 * LATTICE.sites();
        assertTrue(g.folded().peakBytes() + outerBytes <= g.stored().peakBytes(),
                "folded " + g.folded().peakBytes() + " bytes, stored " + g.stored().peakBytes() + " bytes");
    }
}
