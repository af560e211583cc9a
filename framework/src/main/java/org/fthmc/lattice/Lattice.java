package org.fthmc.lattice;

import java.util.Arrays;
import org.fthmc.comm.Communicator;
import org.fthmc.comm.SingleProcessCommunicator;

/**
 * A periodic D-dimensional lattice: extents, lexicographic site indexing (direction 0 runs fastest),
 * neighbour tables and sub-lattices. It also separates the global lattice from the local sub-domain a process
 * owns; in a single process the two coincide and the local origin is zero.
 *
 * <p>A <em>slab</em> ({@link #slab}) is the part one process owns when the lattice is split into equal pieces along
 * its last direction t: the owned sites come first, in the global lexicographic order (so the slab of rank r is
 * the global sites [r V, (r + 1) V), V = {@link #volume()}), then {@link #haloDepth()} time slices of halo above
 * (t = T, T + 1, ..; copies of the next slab's first slices), then as many below (t = −h, .., −1), so
 * {@link #sites()} = V + 2 h V_s. Neighbour tables cover every stored site; a step out of the halo, which no
 * computation of an owned value takes, is −1. Spatial directions stay periodic within the slab. A slab knows the
 * {@link #communicator()} that reaches the other slabs (DSL graphs reduce over the whole lattice through it).
 */
public final class Lattice {
    private final int[] extent;
    private final int[] localExtent;
    private final int[] localOrigin;
    private final int volume;
    private final int haloDepth;
    /** Sites per time slice (the product of the spatial extents). */
    private final int slice;
    private final int sites;
    private final int[] stride;
    private final int[][] forward;
    private final int[][] backward;
    private final Communicator communicator;

    /** The whole lattice, owned by a single process. */
    public Lattice(int... extent) {
        this(checked(extent), extent[extent.length - 1], 0, 0, SingleProcessCommunicator.INSTANCE);
    }

    private static int[] checked(int[] extent) {
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
        return extent;
    }

    /**
     * This process's slab when the communicator's process grid splits the last direction into equal slabs (its
     * other dimensions must hold one rank each), with {@code halo} time slices of halo on each side (see the class
     * comment); a grid of one process gives the whole, periodic lattice.
     */
    public static Lattice slab(int[] extent, Communicator communicator, int halo) {
        checked(extent);
        int d = extent.length;
        var grid = communicator.grid();
        for (int mu = 0; mu < Math.max(d - 1, grid.ranks().length); mu++) {
            if (mu != d - 1 && grid.ranks(mu) != 1) {
                throw new IllegalArgumentException("only the last direction can be split over processes, the grid has "
                        + Arrays.toString(grid.ranks()) + " for lattice " + Arrays.toString(extent));
            }
        }
        return slab(extent, grid.ranks(d - 1), grid.coordinate(d - 1), halo, communicator);
    }

    /** Slab {@code rank} of {@code ranks} (tests and tools build every slab of a lattice in one process). */
    public static Lattice slab(int[] extent, int ranks, int rank, int halo, Communicator communicator) {
        checked(extent);
        int d = extent.length;
        if (ranks < 1 || rank < 0 || rank >= ranks) {
            throw new IllegalArgumentException("rank " + rank + " of " + ranks);
        }
        if (extent[d - 1] % ranks != 0) {
            throw new IllegalArgumentException("the last extent " + extent[d - 1] + " of lattice " + Arrays.toString(extent)
                    + " does not split into " + ranks + " equal slabs");
        }
        int t = extent[d - 1] / ranks;
        if (ranks == 1) {
            return new Lattice(extent.clone(), extent[d - 1], 0, 0, communicator);
        }
        if (halo < 1 || halo > t) {
            throw new IllegalArgumentException("a halo of " + halo + " slices needs slabs of at least that many, "
                    + "but " + ranks + " ranks leave " + t + " of lattice " + Arrays.toString(extent));
        }
        return new Lattice(extent, t, rank * t, halo, communicator);
    }

    private Lattice(int[] extent, int localT, int originT, int halo, Communicator communicator) {
        this.communicator = communicator;
        int d = extent.length;
        this.extent = extent.clone();
        this.localExtent = extent.clone();
        this.localExtent[d - 1] = localT;
        this.localOrigin = new int[d];
        this.localOrigin[d - 1] = originT;
        this.haloDepth = halo;
        this.stride = new int[d];
        int s = 1;
        for (int mu = 0; mu < d; mu++) {
            stride[mu] = s;
            s *= localExtent[mu];
        }
        this.volume = s;
        this.slice = volume / localT;
        this.sites = volume + 2 * halo * slice;
        boolean periodicT = localT == extent[d - 1];
        forward = new int[d][sites];
        backward = new int[d][sites];
        int[] x = new int[d];
        for (int site = 0; site < sites; site++) {
            localCoordinates(site, x);
            for (int mu = 0; mu < d; mu++) {
                int l = localExtent[mu];
                if (mu < d - 1 || periodicT) {
                    forward[mu][site] = site + (x[mu] == l - 1 ? -(l - 1) * stride[mu] : stride[mu]);
                    backward[mu][site] = site + (x[mu] == 0 ? (l - 1) * stride[mu] : -stride[mu]);
                } else {
                    forward[mu][site] = x[mu] + 1 < localT + halo ? stored(x, x[mu] + 1) : -1;
                    backward[mu][site] = x[mu] - 1 >= -halo ? stored(x, x[mu] - 1) : -1;
                }
            }
        }
    }

    /** The stored index of the site with the spatial coordinates of x at local time t (owned or halo). */
    private int stored(int[] x, int t) {
        int spatial = 0;
        for (int mu = 0; mu < x.length - 1; mu++) {
            spatial += x[mu] * stride[mu];
        }
        int localT = localExtent[x.length - 1];
        if (t >= 0 && t < localT) {
            return spatial + t * slice;
        }
        return t >= localT ? volume + (t - localT) * slice + spatial : volume + (haloDepth + t + haloDepth) * slice + spatial;
    }

    /** Local coordinates of a stored site (the time coordinate from −h to T + h − 1). */
    private void localCoordinates(int site, int[] x) {
        int d = x.length;
        int t;
        int rest;
        if (site < volume) {
            t = site / slice;
        } else if (site < volume + haloDepth * slice) {
            t = localExtent[d - 1] + (site - volume) / slice;
        } else {
            t = (site - volume - haloDepth * slice) / slice - haloDepth;
        }
        rest = site % slice;
        for (int mu = 0; mu < d - 1; mu++) {
            x[mu] = (rest / stride[mu]) % localExtent[mu];
        }
        x[d - 1] = t;
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

    /** Number of sites this process owns (all of them in a single process). */
    public int volume() {
        return volume;
    }

    /** Number of sites of the whole lattice. */
    public long globalVolume() {
        long v = 1;
        for (int l : extent) {
            v *= l;
        }
        return v;
    }

    /** Sites stored: the owned ones, then the halo (see the class comment); {@link #volume()} without a halo. */
    public int sites() {
        return sites;
    }

    /**
     * Fills the halo of a field stored per site ({@code perSite} doubles per stored site, in the order of
     * {@link #sites()}) from the neighbouring slabs: the upper halo with the next slab's first time slices, the lower
     * one with the previous slab's last ones. Nothing to do on a whole lattice; on a slab every rank must call it at
     * the same point.
     */
    public void exchangeHalo(double[] field, int perSite) {
        if (haloDepth == 0) {
            return;
        }
        int t = extent.length - 1;
        int block = haloDepth * slice * perSite;
        int owned = volume * perSite;
        double[] receive = new double[block];
        communicator.exchange(t, -1, Arrays.copyOfRange(field, 0, block), receive);
        System.arraycopy(receive, 0, field, owned, block);
        communicator.exchange(t, 1, Arrays.copyOfRange(field, owned - block, owned), receive);
        System.arraycopy(receive, 0, field, owned + block, block);
    }

    /** The communicator reaching the other slabs (the one-process communicator for a whole lattice). */
    public Communicator communicator() {
        return communicator;
    }

    /** Time slices of halo on each side of a slab; 0 for a whole lattice. */
    public int haloDepth() {
        return haloDepth;
    }

    /** Sites per time slice of a slab (the spatial volume). */
    public int sliceVolume() {
        return slice;
    }

    /**
     * The first stored index of the lowest {@code slices} time slices of the lower halo (t = −slices .. −1), which run
     * to {@link #sites()}: values a computation reads one or more steps backward in time are also computed there.
     * {@link #sites()} (an empty range) on a whole lattice.
     */
    public int lowerHaloStart(int slices) {
        if (haloDepth == 0) {
            return sites;
        }
        if (slices < 0 || slices > haloDepth) {
            throw new IllegalArgumentException(slices + " slices of a halo of " + haloDepth);
        }
        return sites - slices * slice;
    }

    /** The global lexicographic index of an owned site (random numbers are keyed by it). */
    public int globalSite(int site) {
        return site + localOrigin[extent.length - 1] * slice;
    }

    /** Number of links: volume times dimensions. */
    public int links() {
        return volume * extent.length;
    }

    /** The index of the site with global coordinates x (periodic); in a slab, the site must be owned. */
    public int site(int... x) {
        int s = 0;
        for (int mu = 0; mu < extent.length; mu++) {
            int local = Math.floorMod(x[mu], extent[mu]) - localOrigin[mu];
            if (local < 0 || local >= localExtent[mu]) {
                throw new IllegalArgumentException("site " + Arrays.toString(x) + " is not owned by this slab");
            }
            s += local * stride[mu];
        }
        return s;
    }

    /** The global coordinates of a stored site (owned or halo). */
    public void coordinates(int site, int[] x) {
        if (haloDepth == 0) {
            for (int mu = 0; mu < extent.length; mu++) {
                x[mu] = (site / stride[mu]) % extent[mu];
            }
            return;
        }
        localCoordinates(site, x);
        int d = extent.length;
        x[d - 1] = Math.floorMod(x[d - 1] + localOrigin[d - 1], extent[d - 1]);
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
        if (haloDepth == 0) {
            int sum = 0;
            for (int mu = 0; mu < extent.length; mu++) {
                sum += (site / stride[mu]) % extent[mu];
            }
            return sum & 1;
        }
        int[] x = new int[extent.length];
        coordinates(site, x);
        int sum = 0;
        for (int c : x) {
            sum += c;
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
        return new SubLattice("parity " + p, sites, x -> (Arrays.stream(x).sum() & 1) == p);
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
        int[] s = strides.clone();
        int[] o = offset.clone();
        return new SubLattice("stride " + Arrays.toString(strides) + " offset " + Arrays.toString(offset), sites, y -> {
            for (int mu = 0; mu < y.length; mu++) {
                if (Math.floorMod(y[mu] - o[mu], s[mu]) != 0) {
                    return false;
                }
            }
            return true;
        });
    }

    private int[] uniform(int value) {
        int[] a = new int[extent.length];
        Arrays.fill(a, value);
        return a;
    }

    @Override
    public String toString() {
        return haloDepth == 0 ? Arrays.toString(extent)
                : Arrays.toString(extent) + " (slab t = " + localOrigin[extent.length - 1] + ".."
                + (localOrigin[extent.length - 1] + localExtent[extent.length - 1] - 1) + ", halo " + haloDepth + ")";
    }
}
