package org.fthmc.comm;

import java.util.Arrays;

/**
 * A periodic Cartesian grid of processes: how many ranks lie along each lattice dimension, and the coordinates of
 * one process in it. Dimensions beyond those given hold one rank (so the one-process grid is {@code ProcessGrid.of()}).
 */
public record ProcessGrid(int[] ranks, int[] coordinates) {
    public ProcessGrid {
        if (ranks.length != coordinates.length) {
            throw new IllegalArgumentException("grid " + Arrays.toString(ranks) + " with coordinates " + Arrays.toString(coordinates));
        }
        for (int mu = 0; mu < ranks.length; mu++) {
            if (ranks[mu] < 1 || coordinates[mu] < 0 || coordinates[mu] >= ranks[mu]) {
                throw new IllegalArgumentException("grid " + Arrays.toString(ranks) + " with coordinates " + Arrays.toString(coordinates));
            }
        }
        ranks = ranks.clone();
        coordinates = coordinates.clone();
    }

    /** The grid of a single process. */
    public static ProcessGrid single() {
        return new ProcessGrid(new int[0], new int[0]);
    }

    /** Ranks along dimension mu. */
    public int ranks(int mu) {
        return mu < ranks.length ? ranks[mu] : 1;
    }

    /** This process's coordinate along dimension mu. */
    public int coordinate(int mu) {
        return mu < coordinates.length ? coordinates[mu] : 0;
    }

    /** The number of processes in the grid. */
    public int size() {
        return Arrays.stream(ranks).reduce(1, (a, b) -> a * b);
    }

    @Override
    public int[] ranks() {
        return ranks.clone();
    }

    @Override
    public int[] coordinates() {
        return coordinates.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProcessGrid g && Arrays.equals(ranks, g.ranks) && Arrays.equals(coordinates, g.coordinates);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(ranks) + Arrays.hashCode(coordinates);
    }

    @Override
    public String toString() {
        return "ranks " + Arrays.toString(ranks) + ", this one at " + Arrays.toString(coordinates);
    }
}
