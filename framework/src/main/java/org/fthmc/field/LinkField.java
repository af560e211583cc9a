package org.fthmc.field;

import java.util.Arrays;
import org.fthmc.group.LinkGroup;
import org.fthmc.lattice.Lattice;
import org.fthmc.parallel.SiteLoops;
import org.fthmc.rng.Purpose;
import org.fthmc.rng.RandomKey;

/**
 * A gauge field: one group element per (site, direction), stored flat. Link index = site · D + μ; the element
 * of link l occupies {@code data[l·s, (l+1)·s)} with s = {@link LinkGroup#storage()}. On a block of a distributed
 * lattice ({@link Lattice#local}) the halo sites' links follow the owned ones; {@link #exchangeHalos} fills them.
 */
public final class LinkField {
    private final Lattice lattice;
    private final LinkGroup group;
    private final double[] data;

    public LinkField(Lattice lattice, LinkGroup group) {
        this.lattice = lattice;
        this.group = group;
        this.data = new double[lattice.sites() * lattice.dimensions() * group.storage()];
    }

    /** The field with every link the identity. */
    public static LinkField cold(Lattice lattice, LinkGroup group) {
        LinkField f = new LinkField(lattice, group);
        for (int l = 0; l < lattice.links(); l++) {
            group.setIdentity(f.data, l);
        }
        return f;
    }

    /** A field of Haar-random links drawn from (seed, stream) with purpose INITIAL_FIELD. */
    public static LinkField hot(Lattice lattice, LinkGroup group, long seed, int stream) {
        LinkField f = new LinkField(lattice, group);
        RandomKey key = new RandomKey(seed, stream, 0, Purpose.INITIAL_FIELD);
        int d = lattice.dimensions();
        for (int site = 0; site < lattice.volume(); site++) {
            for (int mu = 0; mu < d; mu++) {
                group.setRandom(f.data, site * d + mu, key, lattice.globalSite(site), mu);
            }
        }
        return f;
    }

    public Lattice lattice() {
        return lattice;
    }

    public LinkGroup group() {
        return group;
    }

    /** The raw storage; kernels read and write it directly. */
    public double[] data() {
        return data;
    }

    public int link(int site, int mu) {
        return site * lattice.dimensions() + mu;
    }

    public LinkField copy() {
        LinkField f = new LinkField(lattice, group);
        System.arraycopy(data, 0, f.data, 0, data.length);
        return f;
    }

    public void copyFrom(LinkField other) {
        System.arraycopy(other.data, 0, data, 0, data.length);
    }

    /** Brings every link into its canonical representation. */
    public void normalise(SiteLoops loops) {
        loops.forRange(lattice.links(), (from, to) -> group.normalise(data, from, to));
    }

    /** The largest {@link LinkGroup#distance} between corresponding links of this field and another. */
    public double maxDistance(LinkField other) {
        double max = 0;
        for (int l = 0; l < lattice.links(); l++) {
            max = Math.max(max, group.distance(data, other.data, l));
        }
        return max;
    }

    /** True when both fields hold bit-identical owned links (halos aside). */
    public boolean sameBits(LinkField other) {
        int owned = lattice.links() * group.storage();
        return Arrays.equals(data, 0, owned, other.data, 0, owned);
    }

    /**
     * This whole-lattice field repeated periodically {@code copies[μ]} times along each direction μ: the field on the
     * lattice of extents L_μ · copies[μ] whose links at x are those at x mod L here. It has the same local action
     * density, so it starts a larger lattice near equilibrium (its copies decorrelate under updates).
     */
    public LinkField tiled(int... copies) {
        int d = lattice.dimensions();
        if (lattice.haloDepth() > 0) {
            throw new IllegalStateException("tiling needs the whole-lattice field, not a block of " + lattice);
        }
        if (copies.length != d || Arrays.stream(copies).anyMatch(c -> c < 1)) {
            throw new IllegalArgumentException("tiling a " + d + "-dimensional field needs " + d
                    + " copy counts of at least 1, got " + Arrays.toString(copies));
        }
        int[] extents = new int[d];
        for (int mu = 0; mu < d; mu++) {
            extents[mu] = Math.multiplyExact(lattice.extent(mu), copies[mu]);
        }
        Lattice larger = new Lattice(extents);
        LinkField f = new LinkField(larger, group);
        int perSite = d * group.storage();
        int[] x = new int[d];
        for (int site = 0; site < larger.volume(); site++) {
            larger.coordinates(site, x);
            System.arraycopy(data, lattice.site(x) * perSite, f.data, site * perSite, perSite);
        }
        return f;
    }

    /**
     * The whole-lattice field of a block's field, every rank's owned links put at their global sites (a collective:
     * every rank calls it and gets the whole field); the field itself on a whole lattice.
     */
    public LinkField gather() {
        if (lattice.haloDepth() == 0) {
            return this;
        }
        Lattice whole = new Lattice(lattice.extents());
        LinkField f = new LinkField(whole, group);
        int perSite = lattice.dimensions() * group.storage();
        int owned = lattice.volume() * perSite;
        // Each rank's owned links followed by the global index of each of its sites, in rank order.
        double[] mine = Arrays.copyOf(data, owned + lattice.volume());
        for (int site = 0; site < lattice.volume(); site++) {
            mine[owned + site] = lattice.globalSite(site);
        }
        double[] all = lattice.communicator().allGather(mine);
        for (int from = 0; from < all.length; from += owned + lattice.volume()) {
            for (int site = 0; site < lattice.volume(); site++) {
                System.arraycopy(all, from + site * perSite, f.data, (int) all[from + owned + site] * perSite, perSite);
            }
        }
        return f;
    }

    /** This process's part of a whole-lattice field on its block (or a copy on the whole lattice), halo filled. */
    public static LinkField localPart(LinkField whole, Lattice block) {
        if (!Arrays.equals(whole.lattice.extents(), block.extents()) || whole.lattice.haloDepth() != 0) {
            throw new IllegalArgumentException("a field on " + whole.lattice + " is not the whole of " + block);
        }
        LinkField f = new LinkField(block, whole.group);
        int perSite = block.dimensions() * whole.group.storage();
        for (int site = 0; site < block.volume(); site++) {
            System.arraycopy(whole.data, block.globalSite(site) * perSite, f.data, site * perSite, perSite);
        }
        f.exchangeHalos();
        return f;
    }

    /**
     * Fills the halo of a block with the neighbouring blocks' boundary links ({@link Lattice#exchangeHalo}). Nothing
     * to do on a whole lattice. Every rank must call it at the same point.
     */
    public void exchangeHalos() {
        lattice.exchangeHalo(data, lattice.dimensions() * group.storage());
    }
}
