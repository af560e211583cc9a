package org.fthmc.dsl;

import java.util.BitSet;
import org.fthmc.parallel.SiteLoops;

/**
 * A set of stored sites, found per {@link SiteLoops#BLOCK}-site block of a parallel loop without a search: as runs
 * of consecutive sites where they are long (the whole lattice, the owned sites and halo layers of a block), else as
 * a sorted list (the sites of one parity, every other site).
 */
final class SiteRuns {
    /** Runs shorter than this on average make the set a list. */
    private static final int SHORTEST_RUNS = 16;
    private final int[] starts;
    private final int[] ends;
    /** The sites in order when the set is a list, else null. */
    private final int[] list;
    /** Per block of {@link SiteLoops#BLOCK} sites (and one past the last), the first run or list entry at or after it. */
    private final int[] first;
    private final int size;
    private final int n;

    private SiteRuns(BitSet sites, int n) {
        this.n = n;
        int runs = 0;
        for (int x = sites.nextSetBit(0); x >= 0 && x < n; x = sites.nextSetBit(sites.nextClearBit(x))) {
            runs++;
        }
        starts = new int[runs];
        ends = new int[runs];
        int r = 0;
        int count = 0;
        for (int x = sites.nextSetBit(0); x >= 0 && x < n; x = sites.nextSetBit(x)) {
            starts[r] = x;
            x = Math.min(n, sites.nextClearBit(x));
            ends[r] = x;
            count += ends[r] - starts[r];
            r++;
        }
        size = count;
        list = runs > 0 && count / runs < SHORTEST_RUNS ? sites.get(0, n).stream().toArray() : null;
        int blocks = (n + SiteLoops.BLOCK - 1) / SiteLoops.BLOCK;
        first = new int[blocks + 1];
        int at = 0;
        for (int b = 0; b <= blocks; b++) {
            int blockStart = Math.min(n, b * SiteLoops.BLOCK);
            if (list != null) {
                while (at < list.length && list[at] < blockStart) {
                    at++;
                }
            } else {
                while (at < runs && ends[at] <= blockStart) {
                    at++;
                }
            }
            first[b] = at;
        }
    }

    /** The set bits of {@code sites} below n. */
    static SiteRuns of(BitSet sites, int n) {
        return new SiteRuns(sites, n);
    }

    /** Sites in the set. */
    int size() {
        return size;
    }

    /** The set as a bit set (bit x: site x is in it). */
    BitSet toBitSet() {
        BitSet sites = new BitSet(n);
        if (list != null) {
            for (int x : list) {
                sites.set(x);
            }
        } else {
            for (int r = 0; r < starts.length; r++) {
                sites.set(starts[r], ends[r]);
            }
        }
        return sites;
    }

    /**
     * Runs a kernel on the set's sites within [from, to), a range of whole blocks or ending at the last site (what
     * {@link SiteLoops#forRange} hands out): once per run, or once with the list's part.
     */
    void forEach(int from, int to, SiteKernel kernel) {
        if (size == n) {
            kernel.run(null, from, to);
        } else if (list != null) {
            int lo = first[from / SiteLoops.BLOCK];
            int hi = first[(to + SiteLoops.BLOCK - 1) / SiteLoops.BLOCK];
            if (lo < hi) {
                kernel.run(list, lo, hi);
            }
        } else {
            for (int r = first[from / SiteLoops.BLOCK]; r < starts.length && starts[r] < to; r++) {
                kernel.run(null, Math.max(from, starts[r]), Math.min(to, ends[r]));
            }
        }
    }

    /**
     * Runs a loop over ranges of sites covering the set's sites within [from, to): its runs, or for a list the
     * range from its first to its last site there (the sites between are computed too, for loops that take no list).
     */
    void forEachRange(int from, int to, SiteLoops.RangeBody body) {
        forEach(from, to, (sites, lo, hi) -> body.run(sites == null ? lo : sites[lo], sites == null ? hi : sites[hi - 1] + 1));
    }
}
