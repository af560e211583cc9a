package org.fthmc.lattice;

/** A named, ordered subset of lattice sites (a parity or stride sub-lattice); the site array is read only. */
public record SubLattice(String name, int[] sites) {
    public int size() {
        return sites.length;
    }
}
