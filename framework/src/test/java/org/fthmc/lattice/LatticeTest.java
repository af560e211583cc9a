package org.fthmc.lattice;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.fthmc.comm.SingleProcessCommunicator;
import org.junit.jupiter.api.Test;

class LatticeTest {
    @Test
    void neighboursAreInverseAndPeriodic() {
        Lattice l = new Lattice(3, 4, 5);
        int[] x = new int[3];
        int[] y = new int[3];
        for (int s = 0; s < l.volume(); s++) {
            for (int mu = 0; mu < 3; mu++) {
                assertEquals(s, l.backward(l.forward(s, mu), mu));
                l.coordinates(s, x);
                l.coordinates(l.forward(s, mu), y);
                for (int nu = 0; nu < 3; nu++) {
                    int expected = nu == mu ? (x[nu] + 1) % l.extent(nu) : x[nu];
                    assertEquals(expected, y[nu]);
                }
            }
        }
    }

    @Test
    void siteAndCoordinatesRoundTripWithDirectionZeroFastest() {
        Lattice l = new Lattice(4, 6);
        assertEquals(1, l.site(1, 0));
        assertEquals(4, l.site(0, 1));
        assertEquals(l.site(3, 5), l.site(-1, -1));
        int[] x = new int[2];
        l.coordinates(l.site(2, 3), x);
        assertArrayEquals(new int[] {2, 3}, x);
        assertEquals(48, l.links());
    }

    @Test
    void paritySitesSplitTheLatticeAndNeighboursFlipParity() {
        Lattice l = new Lattice(4, 4, 2, 2);
        SubLattice even = l.paritySites(0);
        SubLattice odd = l.paritySites(1);
        assertEquals(l.volume() / 2, even.size());
        Set<Integer> all = new HashSet<>();
        for (int s : even.sites()) {
            all.add(s);
            for (int mu = 0; mu < 4; mu++) {
                assertEquals(1, l.parity(l.forward(s, mu)));
            }
        }
        for (int s : odd.sites()) {
            all.add(s);
        }
        assertEquals(l.volume(), all.size());
        assertThrows(IllegalArgumentException.class, () -> new Lattice(3, 4).paritySites(0));
    }

    @Test
    void strideSublatticesTileOnlyDivisibleLattices() {
        Lattice l = new Lattice(8, 6);
        int[] strides = {2, 2};
        Set<Integer> all = new HashSet<>();
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                SubLattice sub = l.strideSites(strides, new int[] {a, b});
                assertEquals(12, sub.size());
                for (int s : sub.sites()) {
                    assertTrue(all.add(s), "sub-lattices overlap");
                }
            }
        }
        assertEquals(l.volume(), all.size());
        assertFalse(new Lattice(5, 6).canTile(strides));
        assertThrows(IllegalArgumentException.class, () -> new Lattice(5, 6).strideSites(strides, new int[] {0, 0}));
    }

    @Test
    void rejectsDegenerateShapes() {
        assertThrows(IllegalArgumentException.class, () -> new Lattice(8));
        assertThrows(IllegalArgumentException.class, () -> new Lattice(8, 0));
    }

    @Test
    void singleProcessOwnsTheWholeLattice() {
        Lattice l = new Lattice(6, 10);
        assertEquals(10, l.localExtent(1));
        assertEquals(0, l.localOrigin(1));
    }

    @Test
    void aSlabOwnsConsecutiveGlobalSitesAndItsNeighbourTablesAgreeWithTheWholeLattice() {
        int[] extent = {4, 3, 8};
        Lattice whole = new Lattice(extent);
        int ranks = 4;
        int halo = 2;
        Set<Integer> owned = new HashSet<>();
        for (int r = 0; r < ranks; r++) {
            Lattice slab = Lattice.slab(extent, ranks, r, halo, SingleProcessCommunicator.INSTANCE);
            assertEquals(24, slab.volume());
            assertEquals(24 + 2 * halo * 12, slab.sites());
            assertEquals(2 * r, slab.localOrigin(2));
            assertArrayEquals(java.util.stream.IntStream.range(slab.sites() - 12, slab.sites()).toArray(), slab.lowerHaloFace());
            assertEquals(slab.sites(), slab.forwardTable(2).length);
            int[] x = new int[3];
            int[] y = new int[3];
            for (int site = 0; site < slab.volume(); site++) {
                assertEquals(r * 24 + site, slab.globalSite(site));
                assertTrue(owned.add(slab.globalSite(site)));
                slab.coordinates(site, x);
                assertEquals(site, slab.site(x));
                assertEquals(whole.site(x), slab.globalSite(site));
            }
            // Every stored site's neighbours, where they are stored, are the whole lattice's neighbours.
            int defined = 0;
            for (int site = 0; site < slab.sites(); site++) {
                slab.coordinates(site, x);
                for (int mu = 0; mu < 3; mu++) {
                    int up = slab.forward(site, mu);
                    int down = slab.backward(site, mu);
                    if (up >= 0) {
                        slab.coordinates(up, y);
                        assertArrayEquals(coordinatesOf(whole, whole.forward(whole.site(x), mu)), y);
                        defined++;
                    }
                    if (down >= 0) {
                        slab.coordinates(down, y);
                        assertArrayEquals(coordinatesOf(whole, whole.backward(whole.site(x), mu)), y);
                        defined++;
                    }
                }
            }
            // Only the outermost halo slices step out of the slab: 12 sites up and 12 down along t.
            assertEquals(2 * 3 * slab.sites() - 2 * 12, defined);
            int outside = 2 * r + 2 < 8 ? 2 * r + 2 : 0;
            assertThrows(IllegalArgumentException.class, () -> slab.site(0, 0, outside));
        }
        assertEquals(whole.volume(), owned.size());
    }

    @Test
    void theBlocksOfAProcessGridTileTheLatticeAndTheirNeighboursAreItsNeighbours() {
        int[] extent = {4, 6, 4, 8};
        int[] ranks = {2, 1, 2, 2};
        int halo = 2;
        Lattice whole = new Lattice(extent);
        Set<Integer> owned = new HashSet<>();
        int[] at = new int[4];
        for (int b = 0; b < 8; b++) {
            at[0] = b % 2;
            at[2] = (b / 2) % 2;
            at[3] = b / 4;
            Lattice block = Lattice.block(extent, ranks, at, halo, SingleProcessCommunicator.INSTANCE);
            assertFalse(block.isSlab());
            assertEquals(2 * 6 * 2 * 4, block.volume());
            assertEquals((2 + 2 * halo) * 6 * (2 + 2 * halo) * (4 + 2 * halo), block.sites());
            int[] x = new int[4];
            int[] y = new int[4];
            for (int site = 0; site < block.volume(); site++) {
                block.coordinates(site, x);
                assertEquals(site, block.site(x));
                assertEquals(whole.site(x), block.globalSite(site));
                assertTrue(owned.add(block.globalSite(site)));
            }
            // Every stored site's neighbours, where they are stored, are the whole lattice's; the box's outermost
            // layers along the 3 split directions step out of it.
            int undefined = 0;
            for (int site = 0; site < block.sites(); site++) {
                block.coordinates(site, x);
                for (int mu = 0; mu < 4; mu++) {
                    for (int step : new int[] {1, -1}) {
                        int next = step > 0 ? block.forward(site, mu) : block.backward(site, mu);
                        if (next < 0) {
                            undefined++;
                            continue;
                        }
                        block.coordinates(next, y);
                        int wholeNext = step > 0 ? whole.forward(whole.site(x), mu) : whole.backward(whole.site(x), mu);
                        assertArrayEquals(coordinatesOf(whole, wholeNext), y);
                    }
                }
            }
            assertEquals(2 * (block.sites() / (2 + 2 * halo) + block.sites() / (2 + 2 * halo) + block.sites() / (4 + 2 * halo)), undefined);
            // The lower face: one step below the owned sites along exactly one split direction.
            int[] face = block.lowerHaloFace();
            assertEquals(6 * 2 * 4 + 2 * 6 * 4 + 2 * 6 * 2, face.length);
            for (int site : face) {
                assertTrue(site >= block.volume());
                int below = 0;
                for (int mu = 0; mu < 4; mu++) {
                    if (block.forward(site, mu) >= 0 && block.forward(site, mu) < block.volume()) {
                        below++;
                    }
                }
                assertEquals(1, below, "a face site has one owned neighbour above it");
            }
        }
        assertEquals(whole.volume(), owned.size());
    }

    @Test
    void slabsNeedEqualPiecesAtLeastAsThickAsTheHalo() {
        SingleProcessCommunicator one = SingleProcessCommunicator.INSTANCE;
        assertThrows(IllegalArgumentException.class, () -> Lattice.slab(new int[] {4, 6}, 4, 0, 1, one));
        assertThrows(IllegalArgumentException.class, () -> Lattice.slab(new int[] {4, 8}, 4, 0, 3, one));
        assertEquals(0, Lattice.local(new int[] {4, 8}, one, 2).haloDepth());
        Lattice split = Lattice.local(new int[] {4, 8}, new SplitAlong0(), 1);
        assertFalse(split.isSlab());
        assertEquals(2, split.localExtent(0));
        assertThrows(IllegalArgumentException.class, () -> Lattice.local(new int[] {4, 8}, new SplitAlong0(), 3));
    }

    /** A communicator whose grid splits direction 0 (nothing is sent). */
    private static final class SplitAlong0 implements org.fthmc.comm.Communicator {
        public int rank() { return 0; }
        public int size() { return 2; }
        public double sum(double local) { throw new UnsupportedOperationException(); }
        public double max(double local) { throw new UnsupportedOperationException(); }
        public double[] allGather(double[] local) { throw new UnsupportedOperationException(); }
        public void broadcast(double[] values, int root) { throw new UnsupportedOperationException(); }
        public void broadcast(byte[] bytes, int root) { throw new UnsupportedOperationException(); }
        public void barrier() { }
        public org.fthmc.comm.ProcessGrid grid() { return new org.fthmc.comm.ProcessGrid(new int[] {2, 1}, new int[] {0, 0}); }
        public void exchange(int mu, int direction, double[] send, double[] receive) { throw new UnsupportedOperationException(); }
    }

    private static int[] coordinatesOf(Lattice lattice, int site) {
        int[] x = new int[lattice.dimensions()];
        lattice.coordinates(site, x);
        return x;
    }
}
