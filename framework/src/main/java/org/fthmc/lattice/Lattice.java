package org.fthmc.lattice;

import java.util.Arrays;

/**
 * A periodic D-dimensional lattice: extents, lexicographic site indexing (direction 0 runs fastest),
 * neighbour tables and sub-lattices. It also separates the global lattice from the local sub-domain a process
 * owns; in a single process the two coincide and the local origin is zero.
 */
public final class Lattice {
    private final int[] extent;
    private final int[] localExtent;
    private final int[] localOrigin;
    private final int volume;
    private final int[] stride;
    private final int[][] forward;
    private final int[][] backward;

    /** The whole lattice, owned by a single process. */
    public Lattice(int... extent) {
        if (extent.length < 2) {
            throw new IllegalArgumentException("a lattice needs at least 2 dimensions, got " + extent.length);
        }
        long v = 1;
        for (int l : extent) {
            if (l < 1) {
                throw new IllegalArgumentException("lattice extents must be >= 1, got " + Arrays.toString(extent));
            }
            v *= l;
        }
        if (v * extent.length > Integer.MAX_VALUE / 4) {
            throw new IllegalArgumentException("lattice " + Arrays.toString(extent) + " is too large for one process");
        }
        this.extent = extent.clone();
        this.localExtent = extent.clone();
        this.localOrigin = new int[extent.length];
        this.volume = (int) v;
        this.stride = new int[extent.length];
        int s = 1;
        for (int mu = 0; mu < extent.length; mu++) {
            stride[mu] = s;
            s *= extent[mu];
        }
        forward = new int[extent.length][volume];
        backward = new int[extent.length][volume];
        int[] x = new int[extent.length];
        for (int site = 0; site < volume; site++) {
            coordinates(site, x);
            for (int mu = 0; mu < extent.length; mu++) {
                forward[mu][site] = site + (x[mu] == extent[mu] - 1 ? -(extent[mu] - 1) * stride[mu] : stride[mu]);
                backward[mu][site] = site + (x[mu] == 0 ? (extent[mu] - 1) * stride[mu] : -stride[mu]);
            }
        }
    }

    public int dimensions() {
        return extent.length;
    }

    /** Global extent along direction mu. */
    public int extent(int mu) {
        return extent[mu];
    }

    public int[] extents() {
        return extent.clone();
    }

    /** Extent of the locally owned sub-domain along mu (equal to the global one in a single process). */
    public int localExtent(int mu) {
        return localExtent[mu];
    }

    /** Global coordinate of the local sub-domain's first site along mu. */
    public int localOrigin(int mu) {
        return localOrigin[mu];
    }

    /** Number of sites. */
    public int volume() {
        return volume;
    }

    /** Number of links: volume times dimensions. */
    public int links() {
        return volume * extent.length;
    }

    public int site(int... x) {
        int s = 0;
        for (int mu = 0; mu < extent.length; mu++) {
            s += Math.floorMod(x[mu], extent[mu]) * stride[mu];
        }
        return s;
    }

    public void coordinates(int site, int[] x) {
        for (int mu = 0; mu < extent.length; mu++) {
            x[mu] = (site / stride[mu]) % extent[mu];
        }
    }

    /** The site one step forward along mu (periodic). */
    public int forward(int site, int mu) {
        return forward[mu][site];
    }

    /** The site one step backward along mu (periodic). */
    public int backward(int site, int mu) {
        return backward[mu][site];
    }

    /** The forward neighbour table along mu; read only. */
    public int[] forwardTable(int mu) {
        return forward[mu];
    }

    /** The backward neighbour table along mu; read only. */
    public int[] backwardTable(int mu) {
        return backward[mu];
    }

    /** 0 for even sites (sum of coordinates even), 1 for odd ones. */
    public int parity(int site) {
        int sum = 0;
        for (int mu = 0; mu < extent.length; mu++) {
            sum += (site / stride[mu]) % extent[mu];
        }
        return sum & 1;
    }

    /** True when every extent is even, so the even/odd sub-lattices tile the periodic lattice. */
    public boolean supportsParity() {
        return canTile(uniform(2));
    }

    /** True when the extents are multiples of the strides, so stride sub-lattices tile the periodic lattice. */
    public boolean canTile(int[] strides) {
        for (int mu = 0; mu < extent.length; mu++) {
            if (extent[mu] % strides[mu] != 0) {
                return false;
            }
        }
        return true;
    }

    /** The sites of one parity; requires even extents. */
    public SubLattice paritySites(int p) {
        if (!supportsParity()) {
            throw new IllegalArgumentException("even/odd sub-lattices need even extents, lattice is " + Arrays.toString(extent));
        }
        int[] sites = new int[volume / 2];
        int n = 0;
        for (int s = 0; s < volume; s++) {
            if (parity(s) == p) {
                sites[n++] = s;
            }
        }
        return new SubLattice("parity " + p, sites);
    }

    /** The sites x with x_mu ≡ offset_mu (mod strides_mu); requires extents divisible by the strides. */
    public SubLattice strideSites(int[] strides, int[] offset) {
        if (!canTile(strides)) {
            throw new IllegalArgumentException("stride " + Arrays.toString(strides) + " does not tile lattice " + Arrays.toString(extent));
        }
        int count = volume;
        for (int mu = 0; mu < extent.length; mu++) {
            count /= strides[mu];
        }
        int[] sites = new int[count];
        int n = 0;
        int[] x = new int[extent.length];
        for (int s = 0; s < volume; s++) {
            coordinates(s, x);
            boolean in = true;
            for (int mu = 0; mu < extent.length && in; mu++) {
                in = Math.floorMod(x[mu] - offset[mu], strides[mu]) == 0;
            }
            if (in) {
                sites[n++] = s;
            }
        }
        return new SubLattice("stride " + Arrays.toString(strides) + " offset " + Arrays.toString(offset), sites);
    }

    private int[] uniform(int value) {
        int[] a = new int[extent.length];
        Arrays.fill(a, value);
        return a;
    }

    @Override
    public String toString() {
        return Arrays.toString(extent);
    }
}
