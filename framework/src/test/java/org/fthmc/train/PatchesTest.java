package org.fthmc.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.fthmc.field.LinkField;
import org.fthmc.group.SUN;
import org.fthmc.lattice.Lattice;
import org.junit.jupiter.api.Test;

/** Patches cut the right links (wrapping around the lattice), freeze bands only at cut faces, and refuse misfits. */
class PatchesTest {
    @Test
    void aPatchHoldsTheLinksOfItsBoxWrappingAroundTheLattice() {
        Lattice lattice = new Lattice(8, 4, 4, 6);
        LinkField u = LinkField.hot(lattice, SUN.of(3), 5, 0);
        Patches patches = new Patches(lattice.extents(), new int[] {6, 4, 4, 6}, 2);
        int[] origin = {6, 2, 0, 4};
        LinkField p = patches.cut(u, origin);
        int perSite = 4 * 18;
        int[] y = new int[4];
        for (int site = 0; site < patches.lattice().volume(); site++) {
            patches.lattice().coordinates(site, y);
            int from = lattice.site((6 + y[0]) % 8, (2 + y[1]) % 4, y[2], (4 + y[3]) % 6);
            assertArrayEquals(Arrays.copyOfRange(u.data(), from * perSite, from * perSite + perSite),
                    Arrays.copyOfRange(p.data(), site * perSite, site * perSite + perSite), "site " + Arrays.toString(y));
        }
    }

    @Test
    void onlyTheFacesThatTheWrapGluesAreFrozen() {
        Patches patches = new Patches(new int[] {8, 4, 4, 6}, new int[] {6, 4, 4, 6}, 2);
        // cut along direction 0 only: x0 in [2, 4) is the interior, every other direction is whole
        assertEquals(2 * 4 * 4 * 6, patches.interior().size());
        assertTrue(patches.interior().member().test(new int[] {2, 0, 3, 5}));
        assertTrue(!patches.interior().member().test(new int[] {1, 0, 0, 0}));
        assertTrue(!patches.interior().member().test(new int[] {4, 0, 0, 0}));
    }

    @Test
    void cornersAreEvenSoTheLayersMasksFallOnTheSameLinks() {
        Patches patches = new Patches(new int[] {8, 6, 5}, new int[] {6, 6, 5}, 2);
        Random random = new Random(3);
        for (int i = 0; i < 200; i++) {
            int[] o = patches.origin(random);
            assertTrue(o[0] % 2 == 0 && o[0] < 8 && o[1] % 2 == 0 && o[1] < 6 && o[2] < 5, Arrays.toString(o));
        }
    }

    @Test
    void misfitsAreRefusedWithWhatIsWrong() {
        int[] lattice = {8, 4};
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Patches(lattice, new int[] {4}, 2))
                .getMessage().contains("1 extents"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Patches(lattice, new int[] {9, 4}, 2))
                .getMessage().contains("not in [1, 8]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Patches(lattice, new int[] {4, 4}, 2))
                .getMessage().contains("leaves no interior"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Patches(lattice, new int[] {6, 4}, 0))
                .getMessage().contains("at least 1"));
        Patches patches = new Patches(lattice, new int[] {6, 4}, 2);
        LinkField other = LinkField.cold(new Lattice(6, 4), SUN.of(2));
        assertThrows(IllegalArgumentException.class, () -> patches.cut(other, new int[] {0, 0}));
    }
}
