package org.fthmc.dsl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.fthmc.comm.SingleProcessCommunicator;
import org.fthmc.gauge.U1DslAction;
import org.fthmc.gauge.U1Loops;
import org.fthmc.lattice.Lattice;
import org.fthmc.parallel.SiteLoops;
import org.junit.jupiter.api.Test;

/** DSL graphs on slabs of a distributed lattice: owned values as on the whole lattice, halo depth checked. */
class SlabGraphTest {
    private static final int[] EXTENT = {6, 8};

    @Test
    void aForceOnEachSlabWithItsHaloFilledEqualsTheWholeLatticeForceBitForBit() {
        List<Input> theta = U1DslAction.angleInputs(2);
        Node action = U1Loops.action(theta, 2.5, -0.331);
        Lattice whole = new Lattice(EXTENT);
        double[][] angles = new double[2][whole.volume()];
        SplittableRandom random = new SplittableRandom(3);
        for (double[] a : angles) {
            for (int x = 0; x < a.length; x++) {
                a[x] = random.nextDouble(-Math.PI, Math.PI);
            }
        }
        List<double[]> expected = CompiledGraph.compile(whole, SiteLoops.serial(), Autodiff.grad(action, theta), theta).run(angles);
        for (int r = 0; r < 4; r++) {
            Lattice slab = Lattice.slab(EXTENT, 4, r, 2, SingleProcessCommunicator.INSTANCE);
            double[][] local = new double[2][slab.sites()];
            int[] x = new int[2];
            for (int site = 0; site < slab.sites(); site++) {
                slab.coordinates(site, x);
                for (int mu = 0; mu < 2; mu++) {
                    local[mu][site] = angles[mu][whole.site(x)];
                }
            }
            List<double[]> got = CompiledGraph.compile(slab, SiteLoops.serial(), Autodiff.grad(action, theta), theta).run(local);
            for (int mu = 0; mu < 2; mu++) {
                double[] owned = java.util.Arrays.copyOf(got.get(mu), slab.volume());
                double[] wanted = java.util.Arrays.copyOfRange(expected.get(mu), slab.globalSite(0), slab.globalSite(0) + slab.volume());
                assertArrayEquals(wanted, owned, "slab " + r + ", direction " + mu);
            }
        }
    }

    @Test
    void aGraphReadingFurtherInTimeThanTheHaloIsRefused() {
        List<Input> theta = U1DslAction.angleInputs(2);
        Lattice slab = Lattice.slab(EXTENT, 4, 1, 1, SingleProcessCommunicator.INSTANCE);
        List<Node> rectangles = new ArrayList<>(Autodiff.grad(U1Loops.rectangleDensity(theta).sum(), theta));
        DslException e = assertThrows(DslException.class, () -> CompiledGraph.compile(slab, SiteLoops.serial(), rectangles, theta));
        assertTrue(e.getMessage().contains("deeper than the halo"), e.getMessage());
        // Plaquettes reach one step: a halo of 1 is enough.
        CompiledGraph.compile(slab, SiteLoops.serial(), Autodiff.grad(U1Loops.plaquetteDensity(theta).sum(), theta), theta);
    }

    @Test
    void aMaskHoldsItsHaloAndIsReadLikeAnInput() {
        Input f = Node.input("f", Type.FIELD);
        Lattice slab = Lattice.slab(EXTENT, 2, 1, 1, SingleProcessCommunicator.INSTANCE);
        FieldConstant mask = Node.mask(slab, slab.paritySites(0));
        int[] x = new int[2];
        for (int s = 0; s < slab.sites(); s++) {
            slab.coordinates(s, x);
            assertTrue(mask.data()[s] == ((x[0] + x[1]) % 2 == 0 ? 1 : 0), "site " + s);
        }
        CompiledGraph.compile(slab, SiteLoops.serial(), List.of(f.times(mask).shift(1, 1)), List.of(f));
        DslException e = assertThrows(DslException.class,
                () -> CompiledGraph.compile(slab, SiteLoops.serial(), List.of(f.times(mask).shift(1, 2)), List.of(f)));
        assertTrue(e.getMessage().contains("needs a halo of at least 2"), e.getMessage());
    }
}
