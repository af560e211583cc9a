package org.fthmc.dsl;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import org.fthmc.lattice.Lattice;

/**
 * The neighbour tables a graph's shifts and convolutions read on a lattice, built on first use and kept (so runs
 * only read them); every executor (CPU, accelerator) indexes sites through them. Sites are numbered as the lattice
 * stores them, or in an order of the executor's own ({@link #SiteTables(Lattice, int[])}).
 */
public final class SiteTables {
    private final Lattice lattice;
    private final Map<Long, int[]> shifts = new HashMap<>();
    private final Map<Node, int[][]> offsets = new IdentityHashMap<>();
    private final Map<String, int[]> displacements = new HashMap<>();
    private int[] identity;
    /** The lattice site at each index, and the index of each lattice site (null: the lattice's own order). */
    private final int[] order;
    private final int[] position;

    public SiteTables(Lattice lattice) {
        this(lattice, null);
    }

    /**
     * Tables for sites numbered in another order: index i stands for the lattice's stored site order[i] (a
     * permutation of the stored sites).
     */
    public SiteTables(Lattice lattice, int[] order) {
        this.lattice = lattice;
        this.order = order;
        this.position = order == null ? null : inverse(order);
    }

    private static int[] inverse(int[] order) {
        int[] position = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            position[order[i]] = i;
        }
        return position;
    }

    /** table[x] = x. */
    public int[] identity() {
        if (identity == null) {
            identity = new int[lattice.sites()];
            for (int x = 0; x < identity.length; x++) {
                identity[x] = x;
            }
        }
        return identity;
    }

    /** The site tables x → x + δ_o of a convolution's offsets. */
    public int[][] offsets(Conv conv) {
        return offsets.computeIfAbsent(conv, c -> java.util.Arrays.stream(conv.offsets()).map(this::offset).toArray(int[][]::new));
    }

    /** table[x] = the site x + δ for a D-vector δ. */
    public int[] offset(int[] delta) {
        return displacements.computeIfAbsent(java.util.Arrays.toString(delta), key -> {
            int[] table = identity().clone();
            for (int mu = 0; mu < delta.length; mu++) {
                if (delta[mu] != 0) {
                    int[] step = shift(mu, delta[mu]);
                    for (int x = 0; x < table.length; x++) {
                        table[x] = step[table[x]];
                    }
                }
            }
            return table;
        });
    }

    /**
     * table[x] = the site x + k μ̂. On a slab, a step out of the halo stays put: the values read there are wrong
     * but feed no owned value (see {@link CompiledGraph}).
     */
    public int[] shift(int mu, int k) {
        return shifts.computeIfAbsent(((long) mu << 32) | (k & 0xFFFFFFFFL), key -> {
            int[] step = k >= 0 ? lattice.forwardTable(mu) : lattice.backwardTable(mu);
            int[] table = new int[lattice.sites()];
            for (int i = 0; i < table.length; i++) {
                int y = order == null ? i : order[i];
                for (int j = 0; j < Math.abs(k); j++) {
                    y = step[y] >= 0 ? step[y] : y;
                }
                table[i] = position == null ? y : position[y];
            }
            return table;
        });
    }
}
