package org.fthmc.comm;

/**
 * Every global reduction and every exchange between processes goes through a communicator, so that a multi-process
 * (MPI) implementation changes no physics code. Reductions are deterministic: the same inputs give bit-identical
 * results on every rank, and sums add in rank order, so a sum over a lattice split into consecutive pieces can be
 * made to equal the one-process sum bit for bit ({@link #sumInOrder}).
 */
public interface Communicator {
    /** This process's rank, 0 ≤ rank < {@link #size()}. */
    int rank();

    /** The number of processes. */
    int size();

    /** Sum of one value per process, added in rank order. */
    double sum(double local);

    /** Maximum of the local values over all processes. */
    double max(double local);

    /** Every process's values (their lengths may differ), concatenated in rank order; the same on every rank. */
    double[] allGather(double[] local);

    /**
     * The sum of every process's partial sums, added one after another in rank order and, within a rank, in the
     * order given: when the processes hold consecutive blocks of the sites and pass their block sums, this is the
     * one-process sum of the block sums, bit for bit.
     */
    default double sumInOrder(double[] partials) {
        double total = 0;
        for (double p : allGather(partials)) {
            total += p;
        }
        return total;
    }

    /** Overwrites {@code values} on every rank with those of rank {@code root} (all ranks pass the same length). */
    void broadcast(double[] values, int root);

    /** Overwrites {@code bytes} on every rank with those of rank {@code root} (all ranks pass the same length). */
    void broadcast(byte[] bytes, int root);

    /** Returns when every process has called it. */
    void barrier();

    /** The periodic Cartesian grid of the processes and this process's place in it. */
    ProcessGrid grid();

    /**
     * Halo exchange along a grid dimension: sends {@code send} to the neighbour at +1 along {@code mu} (direction
     * +1) or −1 (direction −1) and receives into {@code receive} what the neighbour on the other side sent the same
     * way. With one process along {@code mu}, that neighbour is this process: {@code receive} gets a copy of
     * {@code send}.
     */
    void exchange(int mu, int direction, double[] send, double[] receive);
}
