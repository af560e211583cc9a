package org.fthmc.lattice;

/**
 * A named, ordered subset of lattice sites (a parity or stride sub-lattice): the owned sites in it (the array is read
 * only) and the rule deciding any site by its global coordinates (halo sites of a slab included).
 */
public record SubLattice(String name, int[] sites, java.util.function.Predicate<int[]> member) {
    public int size() {
        return sites.length;
    }
}
