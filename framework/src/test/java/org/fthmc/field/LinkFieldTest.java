package org.fthmc.field;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.fthmc.gauge.PlaquetteMeter;
import org.fthmc.group.SUN;
import org.fthmc.lattice.Lattice;
import org.fthmc.parallel.SiteLoops;
import org.junit.jupiter.api.Test;

class LinkFieldTest {
    @Test
    void aTiledFieldRepeatsEveryLinkPeriodicallyAndKeepsThePlaquette() {
        Lattice small = new Lattice(4, 2, 2, 6);
        SUN su3 = SUN.of(3);
        LinkField u = LinkField.hot(small, su3, 11, 0);
        LinkField t = u.tiled(2, 3, 1, 2);
        assertArrayEquals(new int[] {8, 6, 2, 12}, t.lattice().extents());
        int perSite = 4 * su3.storage();
        int[] x = new int[4];
        for (int site = 0; site < t.lattice().volume(); site++) {
            t.lattice().coordinates(site, x);
            int from = small.site(x[0] % 4, x[1] % 2, x[2], x[3] % 6);
            assertArrayEquals(Arrays.copyOfRange(u.data(), from * perSite, (from + 1) * perSite),
                    Arrays.copyOfRange(t.data(), site * perSite, (site + 1) * perSite), "site " + Arrays.toString(x));
        }
        double p = new PlaquetteMeter(small, su3, SiteLoops.serial()).averagePlaquette(u);
        assertEquals(p, new PlaquetteMeter(t.lattice(), su3, SiteLoops.serial()).averagePlaquette(t), 1e-14,
                "every plaquette of the tiled field is one of the field's, each as often");
    }

    @Test
    void tilingNeedsOneCountOfAtLeastOnePerDirection() {
        LinkField u = LinkField.cold(new Lattice(4, 4), SUN.of(2));
        assertThrows(IllegalArgumentException.class, () -> u.tiled(2));
        assertThrows(IllegalArgumentException.class, () -> u.tiled(2, 0));
    }
}
