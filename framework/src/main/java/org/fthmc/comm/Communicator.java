package org.fthmc.comm;

/**
 * Every global reduction goes through a communicator, so that a multi-process (MPI) implementation changes no
 * physics code. Reductions must be deterministic: the same inputs give bit-identical results on every rank.
 */
public interface Communicator {
    int rank();

    int size();

    /** Sum of the local values over all processes. */
    double sum(double local);

    /** Maximum of the local values over all processes. */
    double max(double local);
}
