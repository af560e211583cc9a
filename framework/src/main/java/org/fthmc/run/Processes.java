package org.fthmc.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.fthmc.comm.Communicator;
import org.fthmc.comm.SingleProcessCommunicator;
import org.fthmc.comm.mpi.MpiCommunicator;
import org.fthmc.config.Settings;

/**
 * The processes of a run: this one alone, or the ranks {@code mpirun} started, arranged as {@code lattice.ranks}
 * says (each direction split into equal blocks with halos of {@code lattice.halo} layers), or, with
 * {@code lattice.ranks} all 1 under mpirun, each holding the whole lattice ({@link #replicated()}: training splits
 * its batches instead). Closing it finalises MPI.
 */
public final class Processes implements AutoCloseable {
    private final Communicator communicator;
    private final MpiCommunicator mpi;
    private final boolean replicated;

    private Processes(Communicator communicator, MpiCommunicator mpi, boolean replicated) {
        this.communicator = communicator;
        this.mpi = mpi;
        this.replicated = replicated;
    }

    /**
     * The process grid {@code lattice.ranks} asks for, checked against the processes mpirun started (1 without
     * mpirun) and the lattice, before MPI starts (so every rank refuses a bad grid alike and none waits).
     */
    static int[] grid(Settings lattice, int[] dims, int halo) {
        int launched = MpiCommunicator.launchedSize();
        int[] ranks = lattice.getIntArray("ranks");
        int d = dims.length;
        if (Arrays.equals(ranks, new int[] {0})) {
            ranks = new int[d];
            Arrays.fill(ranks, 1);
            ranks[d - 1] = launched;
        }
        String given = Arrays.toString(ranks);
        if (ranks.length != d) {
            throw lattice.error("ranks", given + " has " + ranks.length + " entries for a " + d + "-dimensional lattice");
        }
        int wanted = 1;
        for (int mu = 0; mu < d; mu++) {
            if (ranks[mu] < 1) {
                throw lattice.error("ranks", given + ": every direction takes at least 1 process");
            }
            wanted *= ranks[mu];
        }
        if (wanted != launched && wanted != 1) {
            throw lattice.error("ranks", given + " asks for " + wanted + " processes, but " + (launched == 1
                    ? "this is one process: start it with mpirun -np " + wanted
                    : "mpirun started " + launched));
        }
        for (int mu = 0; mu < d; mu++) {
            if (dims[mu] % ranks[mu] != 0 || ranks[mu] > 1 && dims[mu] / ranks[mu] < halo) {
                throw lattice.error("ranks", given + ": the extent " + dims[mu] + " of direction " + mu + " must split into "
                        + ranks[mu] + " equal pieces of at least lattice.halo = " + halo + " sites");
            }
        }
        return ranks;
    }

    /**
     * Starts MPI with this grid when launched by mpirun (a grid of one process under mpirun -np N: every process
     * along the last direction, each holding the whole lattice); a single process otherwise.
     */
    static Processes open(int[] grid) {
        if (!MpiCommunicator.launchedByMpirun()) {
            return new Processes(SingleProcessCommunicator.INSTANCE, null, false);
        }
        int launched = MpiCommunicator.launchedSize();
        boolean replicated = launched > 1 && Arrays.stream(grid).allMatch(r -> r == 1);
        int[] mpiGrid = grid.clone();
        if (replicated) {
            mpiGrid[mpiGrid.length - 1] = launched;
        }
        MpiCommunicator mpi = MpiCommunicator.open(mpiGrid);
        return new Processes(mpi, mpi, replicated);
    }

    /** The communicator reaching every process of the job (also when each holds the whole lattice). */
    public Communicator communicator() {
        return communicator;
    }

    /** True under mpirun with {@code lattice.ranks} all 1: every process holds the whole lattice. */
    public boolean replicated() {
        return replicated;
    }

    /** Whether this process writes the run's files and prints (rank 0). */
    public boolean writes() {
        return communicator.rank() == 0;
    }

    /**
     * Where this process keeps the run directory {@code out}: {@code out} itself on rank 0; on the other ranks a
     * private scratch directory (they run the same code, so their files are the same, and {@link #discard} removes
     * them at the end).
     */
    public Path directory(Path out) throws IOException {
        return writes() ? out : Files.createTempDirectory("fthmc-rank" + communicator.rank() + "-").resolve("run");
    }

    /** Removes a scratch directory of {@link #directory} (nothing on rank 0). */
    public void discard(Path directory) throws IOException {
        if (!writes()) {
            deleteTree(directory.getParent());
        }
    }

    /** Deletes a directory and everything in it. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /**
     * Seconds this process has spent so far in halo exchanges and in the other MPI calls (reductions, broadcasts,
     * barriers; waits for the other ranks included); zeros in a single process.
     */
    public double[] mpiSeconds() {
        return mpi == null ? new double[2] : new double[] {mpi.exchangeSeconds(), mpi.collectiveSeconds()};
    }

    /**
     * Under MPI, prints (rank 0) each rank's seconds in halo exchanges and in other MPI calls so far (a collective:
     * every rank calls it).
     */
    public void report(java.io.PrintStream log) {
        if (mpi == null) {
            return;
        }
        double[] all = mpi.allGather(mpiSeconds());
        StringBuilder line = new StringBuilder("fthmc: MPI seconds per rank (halo exchange / reductions, waits included):");
        for (int r = 0; r < all.length / 2; r++) {
            line.append(String.format(" %d: %.2f / %.2f", r, all[2 * r], all[2 * r + 1]));
        }
        log.println(line);
    }

    @Override
    public void close() {
        if (mpi != null) {
            mpi.close();
        }
    }
}
