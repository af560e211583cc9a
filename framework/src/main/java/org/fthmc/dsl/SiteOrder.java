package org.fthmc.dsl;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The order in which a planned graph stores sites: the sites of each mask of the graph together, so that a node
 * computed on a mask's sites only (a masked layer's staples, exponential and Jacobian, see {@link ComputedSites})
 * runs over contiguous memory. Sites are grouped by the masks (field constants with zeros) they belong to, in the
 * lattice's order within a group; a graph without masks, or whose masks make more than two groups (a parity's sites
 * and the others), keeps the lattice's order.
 *
 * <p>Inputs are copied into this order before a run and outputs back after it, and sums read the owned sites in the
 * lattice's order, so results do not depend on the order (neither do the values of each site).
 */
final class SiteOrder {
    /**
     * Graphs whose masks cut the sites into more groups keep the lattice's order: neighbours of consecutive sites
     * would lie far apart in memory (the U(1) maps' masks of every second site along both directions and their loop
     * masks ran their convolutions at half speed so).
     */
    private static final int MOST_GROUPS = 2;
    /** The lattice's stored site at each index. */
    private final int[] order;
    /** The index of each stored site of the lattice. */
    private final int[] position;
    /** Field constants' values in this order, made on first use. */
    private final Map<FieldConstant, double[]> constants = new IdentityHashMap<>();

    private SiteOrder(int[] order) {
        this.order = order;
        this.position = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            position[order[i]] = i;
        }
    }

    /**
     * The order for the graph's steps on n stored sites: grouped by the masks among the field constants they read;
     * null when none is zero anywhere (the lattice's order).
     */
    static SiteOrder of(List<List<Node>> steps, int n) {
        Map<Node, Boolean> seen = new IdentityHashMap<>();
        List<BitSet> masks = new ArrayList<>();
        for (List<Node> step : steps) {
            for (Node node : step) {
                for (Node in : node.inputs()) {
                    if (in instanceof FieldConstant c && seen.put(c, true) == null) {
                        BitSet nonZero = nonZeroSites(c.data(), c.type().components(), n);
                        if (nonZero.cardinality() < n && !masks.contains(nonZero) && masks.size() < 63) {
                            masks.add(nonZero);
                        }
                    }
                }
            }
        }
        if (masks.isEmpty()) {
            return null;
        }
        long[] group = new long[n];
        for (int m = 0; m < masks.size(); m++) {
            BitSet mask = masks.get(m);
            for (int x = mask.nextSetBit(0); x >= 0; x = mask.nextSetBit(x + 1)) {
                group[x] |= 1L << m;
            }
        }
        if (java.util.Arrays.stream(group).distinct().count() > MOST_GROUPS) {
            return null;
        }
        int[] order = IntStream.range(0, n).boxed()
                .sorted(Comparator.<Integer>comparingLong(x -> group[x]).thenComparingInt(x -> x))
                .mapToInt(Integer::intValue).toArray();
        return new SiteOrder(order);
    }

    /** The sites with a non-zero component. */
    static BitSet nonZeroSites(double[] data, int components, int n) {
        BitSet s = new BitSet(n);
        for (int x = 0; x < n; x++) {
            for (int k = 0; k < components; k++) {
                if (data[x * components + k] != 0) {
                    s.set(x);
                    break;
                }
            }
        }
        return s;
    }

    /** The lattice's stored site at each index (what {@link SiteTables} takes). */
    int[] order() {
        return order;
    }

    /** The index of the lattice's stored site x. */
    int position(int x) {
        return position[x];
    }

    /** A field constant's values in this order. */
    double[] data(FieldConstant c) {
        return constants.computeIfAbsent(c, k -> {
            double[] ordered = new double[c.data().length];
            toOrder(c.data(), ordered, c.type().components());
            return ordered;
        });
    }

    /** Copies a field of c components per site from the lattice's order into this order. */
    void toOrder(double[] lattice, double[] ordered, int c) {
        toOrder(lattice, ordered, c, 0, order.length);
    }

    /** The same for the positions [from, to) of this order (parallel loops split the copy). */
    void toOrder(double[] lattice, double[] ordered, int c, int from, int to) {
        for (int i = from; i < to; i++) {
            System.arraycopy(lattice, order[i] * c, ordered, i * c, c);
        }
    }

    /** Copies the positions [from, to) of a field of c components per site from this order into the lattice's order. */
    void toLattice(double[] ordered, double[] lattice, int c, int from, int to) {
        for (int i = from; i < to; i++) {
            System.arraycopy(ordered, i * c, lattice, order[i] * c, c);
        }
    }

    /** The number of positions (stored sites). */
    int size() {
        return order.length;
    }
}
