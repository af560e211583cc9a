package org.fthmc.lattice;

import java.util.Arrays;
import org.fthmc.comm.Communicator;
import org.fthmc.comm.SingleProcessCommunicator;

/**
 * A periodic D-dimensional lattice: extents, lexicographic site indexing (direction 0 runs fastest),
 * neighbour tables and sub-lattices. It also separates the global lattice from the local sub-domain a process
 * owns; in a single process the two coincide and the local origin is zero.
 *
 * <p>A <em>block</em> ({@link #block}, {@link #local}) is the part one process owns when a process grid splits
 * directions of the lattice into equal pieces; each split direction gets {@link #haloDepth()} layers of halo on both
 * sides (copies of the neighbouring blocks' sites, corners included). The owned sites come first, in local
 * lexicographic order, then the halo sites, in the lexicographic order of their coordinates in the halo box wrapped
 * to [0, L + 2h) (so above, then below). A <em>slab</em> splits only the last direction t ({@link #slab} builds one
 * for tests): its owned sites are the global sites [r V, (r + 1) V), V = {@link #volume()}, followed by h time slices
 * above (t = T, .., T + h − 1) and h below (t = −h, .., −1), so {@link #sites()} = V + 2 h V_s. Neighbour tables
 * cover every stored site; a step out of the halo box, which no computation of an owned value takes, is −1;
 * directions that are not split stay periodic. A block knows the {@link #communicator()} that reaches the other
 * blocks (DSL graphs reduce over the whole lattice through it).
 */
public final class Lattice {
    private final int[] extent;
    private final int[] localExtent;
    private final int[] localOrigin;
    private final int volume;
    private final int haloDepth;
    private final int sites;
    private final int[] stride;
    /** Extents of the halo box (owned sites plus the halo along split directions) and its lexicographic strides. */
    private final int[] extExtent;
    private final int[] extStride;
    private final int[] extToStored;
    private final int[] storedToExt;
    /** Per split direction: the sites sent down, received from above, sent up, received from below (null: not split). */
    private final int[][][] exchanges;
    /** {@link #globalBlocks} by values per site (computed once each). */
    private final java.util.Map<Integer, int[]> globalBlocks = new java.util.concurrent.ConcurrentHashMap<>();
    private final int[][] forward;
    private final int[][] backward;
    private final Communicator communicator;

    /** The whole lattice, owned by a single process. */
    public Lattice(int... extent) {
        this(checked(extent).clone(), extent.clone(), new int[extent.length], 0, SingleProcessCommunicator.INSTANCE);
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
     * This process's block of the lattice when the communicator's process grid splits it (each direction into
     * {@code grid.ranks(mu)} equal pieces), with {@code halo} sites of halo on each side of every split direction
     * (see the class comment); a grid of one process gives the whole, periodic lattice.
     */
    public static Lattice local(int[] extent, Communicator communicator, int halo) {
        checked(extent);
        var grid = communicator.grid();
        int d = extent.length;
        if (grid.ranks().length > d) {
            throw new IllegalArgumentException("a process grid " + Arrays.toString(grid.ranks()) + " for lattice "
                    + Arrays.toString(extent));
        }
        int[] ranks = new int[d];
        int[] at = new int[d];
        for (int mu = 0; mu < d; mu++) {
            ranks[mu] = grid.ranks(mu);
            at[mu] = grid.coordinate(mu);
        }
        return block(extent, ranks, at, halo, communicator);
    }

    /** Slab {@code rank} of {@code ranks} along the last direction (tests and tools build every slab in one process). */
    public static Lattice slab(int[] extent, int ranks, int rank, int halo, Communicator communicator) {
        checked(extent);
        int d = extent.length;
        int[] grid = new int[d];
        Arrays.fill(grid, 1);
        grid[d - 1] = ranks;
        int[] at = new int[d];
        at[d - 1] = rank;
        return block(extent, grid, at, halo, communicator);
    }

    /**
     * The block at grid coordinates {@code at} of a process grid {@code ranks} (one entry per direction), with
     * {@code halo} sites of halo on both sides of every direction split into more than one piece.
     */
    public static Lattice block(int[] extent, int[] ranks, int[] at, int halo, Communicator communicator) {
        checked(extent);
        int d = extent.length;
        if (ranks.length != d || at.length != d) {
            throw new IllegalArgumentException("grid " + Arrays.toString(ranks) + " at " + Arrays.toString(at) + " for lattice "
                    + Arrays.toString(extent));
        }
        int[] local = new int[d];
        int[] origin = new int[d];
        boolean split = false;
        for (int mu = 0; mu < d; mu++) {
            if (ranks[mu] < 1 || at[mu] < 0 || at[mu] >= ranks[mu]) {
                throw new IllegalArgumentException("grid coordinate " + at[mu] + " of " + ranks[mu] + " along direction " + mu);
            }
            if (extent[mu] % ranks[mu] != 0) {
                throw new IllegalArgumentException("the extent " + extent[mu] + " of direction " + mu + " of lattice "
                        + Arrays.toString(extent) + " does not split into " + ranks[mu] + " equal pieces");
            }
            local[mu] = extent[mu] / ranks[mu];
            origin[mu] = at[mu] * local[mu];
            if (ranks[mu] > 1) {
                split = true;
                if (halo < 1 || halo > local[mu]) {
                    throw new IllegalArgumentException("a halo of " + halo + " needs pieces of at least that many sites, but "
                            + ranks[mu] + " ranks leave " + local[mu] + " along direction " + mu + " of lattice "
                            + Arrays.toString(extent));
                }
            }
        }
        return new Lattice(extent.clone(), local, origin, split ? halo : 0, communicator);
    }

    private Lattice(int[] extent, int[] localExtent, int[] localOrigin, int halo, Communicator communicator) {
        this.communicator = communicator;
        int d = extent.length;
        this.extent = extent;
        this.localExtent = localExtent;
        this.localOrigin = localOrigin;
        this.haloDepth = halo;
        this.stride = new int[d];
        this.extExtent = new int[d];
        this.extStride = new int[d];
        int s = 1;
        int e = 1;
        for (int mu = 0; mu < d; mu++) {
            stride[mu] = s;
            s *= localExtent[mu];
            extExtent[mu] = localExtent[mu] + (split(mu) ? 2 * halo : 0);
            extStride[mu] = e;
            e *= extExtent[mu];
        }
        this.volume = s;
        this.sites = e;
        // Stored order: the owned sites (local lexicographic), then the halo sites in the lexicographic order of
        // their wrapped box coordinates w = c mod E (c from −h to L + h − 1 along a split direction): along t alone,
        // the upper halo slices, then the lower ones.
        this.extToStored = new int[e];
        this.storedToExt = new int[e];
        int[] c = new int[d];
        int next = volume;
        for (int w = 0; w < e; w++) {
            boolean owned = true;
            int local = 0;
            for (int mu = 0; mu < d; mu++) {
                int wm = (w / extStride[mu]) % extExtent[mu];
                owned &= wm < localExtent[mu];
                local += wm * stride[mu];
            }
            int stored = owned ? local : next++;
            extToStored[w] = stored;
            storedToExt[stored] = w;
        }
        forward = new int[d][sites];
        backward = new int[d][sites];
        for (int site = 0; site < sites; site++) {
            localCoordinates(site, c);
            for (int mu = 0; mu < d; mu++) {
                int l = localExtent[mu];
                int here = c[mu];
                if (!split(mu)) {
                    c[mu] = (here + 1) % l;
                    forward[mu][site] = stored(c);
                    c[mu] = (here + l - 1) % l;
                    backward[mu][site] = stored(c);
                } else {
                    c[mu] = here + 1;
                    forward[mu][site] = here + 1 < l + halo ? stored(c) : -1;
                    c[mu] = here - 1;
                    backward[mu][site] = here - 1 >= -halo ? stored(c) : -1;
                }
                c[mu] = here;
            }
        }
        this.exchanges = new int[d][][];
        for (int mu = 0; mu < d; mu++) {
            if (split(mu)) {
                exchanges[mu] = new int[][] {faces(mu, 0), faces(mu, l(mu)), faces(mu, l(mu) - halo), faces(mu, -halo)};
            }
        }
    }

    private int l(int mu) {
        return localExtent[mu];
    }

    /** True when direction mu is split over processes (it has a halo). */
    public boolean split(int mu) {
        return haloDepth > 0 && localExtent[mu] < extent[mu];
    }

    /**
     * The stored sites of {@code haloDepth} layers along mu from local coordinate {@code first}, in the order both
     * sides of an exchange use: directions split and exchanged before mu over their whole halo box, the others over
     * their owned range (their halos, corners included, are filled by the later exchanges).
     */
    private int[] faces(int mu, int first) {
        int d = extent.length;
        int[] lo = new int[d];
        int[] hi = new int[d];
        int count = 1;
        for (int nu = 0; nu < d; nu++) {
            boolean box = nu < mu && split(nu);
            lo[nu] = nu == mu ? first : box ? -haloDepth : 0;
            hi[nu] = nu == mu ? first + haloDepth : box ? localExtent[nu] + haloDepth : localExtent[nu];
            count *= hi[nu] - lo[nu];
        }
        int[] list = new int[count];
        int[] c = lo.clone();
        for (int i = 0; i < count; i++) {
            list[i] = stored(c);
            for (int nu = 0; nu < d; nu++) {
                if (++c[nu] < hi[nu]) {
                    break;
                }
                c[nu] = lo[nu];
            }
        }
        return list;
    }

    /** The stored index of the site with local coordinates c (owned or halo, inside the halo box). */
    private int stored(int[] c) {
        int w = 0;
        for (int mu = 0; mu < c.length; mu++) {
            w += Math.floorMod(c[mu], extExtent[mu]) * extStride[mu];
        }
        return extToStored[w];
    }

    /** Local coordinates of a stored site (from −h to L + h − 1 along a split direction). */
    private void localCoordinates(int site, int[] c) {
        int w = storedToExt[site];
        for (int mu = 0; mu < c.length; mu++) {
            int wm = (w / extStride[mu]) % extExtent[mu];
            c[mu] = wm < localExtent[mu] + haloDepth || !split(mu) ? wm : wm - extExtent[mu];
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
     * {@link #sites()}) from the neighbouring blocks, one split direction after the other (each exchange carrying the
     * halos of the directions before it, so the corners are filled too): the upper halo with the next block's first
     * layers, the lower one with the previous block's last ones. Nothing to do on a whole lattice; on a block every
     * rank must call it at the same point.
     */
    public void exchangeHalo(double[] field, int perSite) {
        if (haloDepth == 0) {
            return;
        }
        for (int mu = 0; mu < extent.length; mu++) {
            int[][] faces = exchanges[mu];
            if (faces == null) {
                continue;
            }
            double[] receive = new double[faces[0].length * perSite];
            communicator.exchange(mu, -1, pack(field, faces[0], perSite), receive);
            unpack(receive, field, faces[1], perSite);
            communicator.exchange(mu, 1, pack(field, faces[2], perSite), receive);
            unpack(receive, field, faces[3], perSite);
        }
    }

    private static double[] pack(double[] field, int[] sites, int perSite) {
        double[] out = new double[sites.length * perSite];
        for (int i = 0; i < sites.length; i++) {
            System.arraycopy(field, sites[i] * perSite, out, i * perSite, perSite);
        }
        return out;
    }

    private static void unpack(double[] values, double[] field, int[] sites, int perSite) {
        for (int i = 0; i < sites.length; i++) {
            System.arraycopy(values, i * perSite, field, sites[i] * perSite, perSite);
        }
    }

    /**
     * The sum over the whole lattice of an array of {@code perSite} values per owned site, from its
     * {@code SiteLoops.blockSums}: the block sums of every process added in the order one process adds the blocks of
     * the whole array, so the sum is the one-process sum bit for bit when every block of a process is a block of the
     * whole array (a slab of whole blocks; a block whose rows of sites are whole blocks); otherwise in rank order, the
     * same on every process and for any thread count, and equal to the one-process sum to rounding. Every rank must
     * call it.
     */
    public double sumInOrder(double[] blockSums, int perSite) {
        return sumsInOrder(new double[][] {blockSums}, perSite)[0];
    }

    /**
     * {@link #sumInOrder} of several arrays at once (blockSums[k] the block sums of the k-th), with one exchange
     * between processes for all of them.
     */
    public double[] sumsInOrder(double[][] blockSums, int perSite) {
        double[] sums = new double[blockSums.length];
        if (communicator.size() == 1 || haloDepth == 0) {
            for (int k = 0; k < sums.length; k++) {
                sums[k] = communicator.sumInOrder(blockSums[k]);
            }
            return sums;
        }
        int blocks = blockSums.length == 0 ? 0 : blockSums[0].length;
        int[] global = globalBlocks.computeIfAbsent(perSite, this::globalBlocks);
        boolean aligned = global.length == blocks; // the same on every rank: the blocks are congruent
        double[] mine = new double[blocks * (1 + sums.length)];
        for (int b = 0; b < blocks; b++) {
            mine[b * (1 + sums.length)] = aligned ? global[b] : communicator.rank() * (double) blocks + b;
            for (int k = 0; k < sums.length; k++) {
                mine[b * (1 + sums.length) + 1 + k] = blockSums[k][b];
            }
        }
        double[] all = communicator.allGather(mine);
        int total = all.length / (1 + sums.length);
        double[][] ordered = new double[sums.length][total];
        for (int i = 0; i < all.length; i += 1 + sums.length) {
            int at = (int) all[i];
            for (int k = 0; k < sums.length; k++) {
                ordered[k][at] = all[i + 1 + k];
            }
        }
        for (int k = 0; k < sums.length; k++) {
            double sum = 0;
            for (double b : ordered[k]) {
                sum += b;
            }
            sums[k] = sum;
        }
        return sums;
    }

    /**
     * The index in the whole array of each block of this block's array of {@code perSite} values per owned site, or
     * an empty array when some block is not a block of the whole array.
     */
    private int[] globalBlocks(int perSite) {
        int n = volume * perSite;
        int size = org.fthmc.parallel.SiteLoops.BLOCK;
        if (n % size != 0) {
            return new int[0];
        }
        int[] global = new int[n / size];
        for (int b = 0; b < global.length; b++) {
            long first = (long) globalSite(b * size / perSite) * perSite + (b * size) % perSite;
            if (first % size != 0) {
                return new int[0];
            }
            for (int i = b * size; i < (b + 1) * size; i++) {
                if ((long) globalSite(i / perSite) * perSite + i % perSite != first + i - b * size) {
                    return new int[0];
                }
            }
            global[b] = (int) (first / size);
        }
        return global;
    }

    /** The communicator reaching the other slabs (the one-process communicator for a whole lattice). */
    public Communicator communicator() {
        return communicator;
    }

    /** Layers of halo on each side of every split direction; 0 for a whole lattice. */
    public int haloDepth() {
        return haloDepth;
    }

    /**
     * How this process's part of the lattice is cut, for messages: "slabs of 8 time slices" or "blocks of 4x8x8x8"
     * (with the halo depth).
     */
    public String pieces() {
        if (isSlab()) {
            return "slabs of " + localExtent[extent.length - 1] + " time slices with halos of " + haloDepth;
        }
        StringBuilder b = new StringBuilder("blocks of ");
        for (int mu = 0; mu < extent.length; mu++) {
            b.append(mu == 0 ? "" : "x").append(localExtent[mu]);
        }
        return b.append(" with halos of ").append(haloDepth).toString();
    }

    /** True for a slab: only the last direction is split (its halo slices are contiguous ranges of stored sites). */
    public boolean isSlab() {
        for (int mu = 0; mu < extent.length - 1; mu++) {
            if (split(mu)) {
                return false;
            }
        }
        return split(extent.length - 1);
    }

    /**
     * The halo sites one step below the owned ones along a split direction (and owned along the others): where a
     * computation reading one step backward finds values it must also compute. Empty on a whole lattice; on a slab
     * the lowest halo slice, the last stored sites.
     */
    public int[] lowerHaloFace() {
        int d = extent.length;
        int[] c = new int[d];
        int[] face = new int[sites - volume];
        int n = 0;
        for (int site = volume; site < sites; site++) {
            localCoordinates(site, c);
            int below = 0;
            boolean inside = true;
            for (int mu = 0; mu < d; mu++) {
                if (c[mu] == -1) {
                    below++;
                } else if (c[mu] < 0 || c[mu] >= localExtent[mu]) {
                    inside = false;
                }
            }
            if (inside && below == 1) {
                face[n++] = site;
            }
        }
        return Arrays.copyOf(face, n);
    }

    /** The global lexicographic index of an owned site (random numbers are keyed by it). */
    public int globalSite(int site) {
        int global = 0;
        int g = 1;
        for (int mu = 0; mu < extent.length; mu++) {
            global += ((site / stride[mu]) % localExtent[mu] + localOrigin[mu]) * g;
            g *= extent[mu];
        }
        return global;
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
                throw new IllegalArgumentException("site " + Arrays.toString(x) + " is not owned by " + this);
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
        for (int mu = 0; mu < extent.length; mu++) {
            x[mu] = Math.floorMod(x[mu] + localOrigin[mu], extent[mu]);
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
        if (haloDepth == 0) {
            return Arrays.toString(extent);
        }
        int t = extent.length - 1;
        if (isSlab()) {
            return Arrays.toString(extent) + " (slab t = " + localOrigin[t] + ".." + (localOrigin[t] + localExtent[t] - 1)
                    + ", halo " + haloDepth + ")";
        }
        StringBuilder block = new StringBuilder(Arrays.toString(extent)).append(" (block");
        for (int mu = 0; mu <= t; mu++) {
            block.append(mu == 0 ? " " : " x ").append(localOrigin[mu]).append("..").append(localOrigin[mu] + localExtent[mu] - 1);
        }
        return block.append(", halo ").append(haloDepth).append(")").toString();
    }
}
