package org.fthmc.comm.mpi;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import org.fthmc.comm.Communicator;
import org.fthmc.comm.ProcessGrid;

/**
 * The communicator of a job launched by {@code mpirun}: Open MPI's {@code libmpi} called through the FFM API
 * ({@link OpenMpi}), over a periodic Cartesian grid of the processes. Values travel through off-heap copies of the
 * Java arrays. Sums are gathered and added in rank order (never {@code MPI_Allreduce} with {@code MPI_SUM}, whose
 * order of addition the MPI standard leaves open), so they are bit-identical on every rank and for every
 * launch; maxima are exact, so they use {@code MPI_Allreduce}.
 *
 * <p>One instance per process: the first {@link #open} initialises MPI (thread level {@code MPI_THREAD_FUNNELED}:
 * only the thread that opened it may call it; the site-loop workers never do), later ones with the same grid share
 * it (a benchmark builds several runs), and the last {@link #close} finalises it, after which MPI cannot start again
 * in this process. Use it from one thread.
 */
public final class MpiCommunicator implements Communicator, AutoCloseable {
    private static boolean opened;
    private static MpiCommunicator current;
    private final OpenMpi mpi;
    private final MemorySegment comm;
    private final int rank;
    private final int size;
    private final ProcessGrid grid;
    /** The source and destination rank of a shift by +1 and by −1 along each grid dimension. */
    private final int[][] upward;
    private final int[][] downward;
    private boolean closed;
    /** The opens not yet closed. */
    private int users = 1;
    /** Nanoseconds spent in halo exchanges and in everything else MPI did (reductions, broadcasts, barriers). */
    private long exchangeNanos;
    private long collectiveNanos;

    private MpiCommunicator(OpenMpi mpi, int[] ranks) {
        this.mpi = mpi;
        this.size = mpi.size(mpi.commWorld);
        this.comm = mpi.cartCreate(ranks);
        this.rank = mpi.rank(comm);
        this.grid = new ProcessGrid(ranks, mpi.cartCoords(comm, rank, ranks.length));
        this.upward = new int[ranks.length][];
        this.downward = new int[ranks.length][];
        for (int mu = 0; mu < ranks.length; mu++) {
            upward[mu] = mpi.cartShift(comm, mu, 1);
            downward[mu] = mpi.cartShift(comm, mu, -1);
        }
    }

    /** True when this process was started by Open MPI's {@code mpirun} (its environment says so). */
    public static boolean launchedByMpirun() {
        return System.getenv("OMPI_COMM_WORLD_SIZE") != null;
    }

    /** This process's rank among those {@code mpirun} started, read from the environment (0 when not launched by it). */
    public static int launchedRank() {
        String rank = System.getenv("OMPI_COMM_WORLD_RANK");
        return rank == null ? 0 : Integer.parseInt(rank.trim());
    }

    /**
     * Ends the whole job with {@code code} if this process opened MPI (after an error one rank may meet alone, so
     * that the others do not wait for it forever); does nothing otherwise.
     */
    public static synchronized void abortIfOpen(int code) {
        if (current != null && !current.closed) {
            current.abort(code);
        }
    }

    /** The number of processes {@code mpirun} started, read from the environment (1 when not launched by it). */
    public static int launchedSize() {
        String size = System.getenv("OMPI_COMM_WORLD_SIZE");
        return size == null ? 1 : Integer.parseInt(size.trim());
    }

    /**
     * Initialises MPI and arranges the processes in a periodic grid of {@code ranks} along the lattice dimensions
     * (their product must be the number of processes); ranks keep MPI's row-major numbering, the last dimension
     * fastest, so with {@code [1, .., 1, N]} rank r holds the r-th slab along the last dimension.
     *
     * @throws OpenMpi.Unavailable      where libmpi cannot be loaded
     * @throws IllegalArgumentException where the grid does not match the job's processes (every rank throws it,
     *                                  after finalising MPI, so no rank waits for another)
     */
    public static synchronized MpiCommunicator open(int[] ranks) {
        if (current != null && !current.closed && Arrays.equals(current.grid.ranks(), ranks)) {
            current.users++;
            return current;
        }
        if (opened) {
            throw new IllegalStateException("MPI was already opened in this process with another grid or finalised"
                    + " (it can be initialised only once)");
        }
        OpenMpi mpi = OpenMpi.load();
        if (!mpi.isInitialized()) {
            int provided = mpi.initThread(OpenMpi.THREAD_FUNNELED);
            if (provided < OpenMpi.THREAD_FUNNELED) {
                throw new IllegalStateException("MPI provides thread level " + provided + ", fthmc needs MPI_THREAD_FUNNELED");
            }
        }
        opened = true;
        int size = mpi.size(mpi.commWorld);
        int wanted = Arrays.stream(ranks).reduce(1, (a, b) -> a * b);
        if (wanted != size || Arrays.stream(ranks).anyMatch(r -> r < 1)) {
            mpi.finalizeMpi();
            throw new IllegalArgumentException("a process grid of " + Arrays.toString(ranks) + " needs " + wanted
                    + " processes, but the job has " + size);
        }
        current = new MpiCommunicator(mpi, ranks.clone());
        return current;
    }

    @Override
    public int rank() {
        return rank;
    }

    @Override
    public int size() {
        return size;
    }

    /** Seconds this process spent in halo exchanges ({@link #exchange}) so far. */
    public double exchangeSeconds() {
        return exchangeNanos / 1e9;
    }

    /** Seconds this process spent in reductions, broadcasts and barriers so far (waiting for the others included). */
    public double collectiveSeconds() {
        return collectiveNanos / 1e9;
    }

    @Override
    public double sum(double local) {
        double total = 0;
        for (double v : allGather(new double[] {local})) {
            total += v;
        }
        return total;
    }

    @Override
    public double max(double local) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment in = arena.allocateFrom(JAVA_DOUBLE, local);
            MemorySegment out = arena.allocate(JAVA_DOUBLE);
            long start = System.nanoTime();
            mpi.allreduce(in, out, 1, mpi.typeDouble, mpi.opMax, comm);
            collectiveNanos += System.nanoTime() - start;
            return out.get(JAVA_DOUBLE, 0);
        }
    }

    @Override
    public double[] allGather(double[] local) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment count = arena.allocateFrom(JAVA_INT, local.length);
            MemorySegment counts = arena.allocate(JAVA_INT, size);
            long start = System.nanoTime();
            mpi.allgather(count, 1, mpi.typeInt, counts, comm);
            int[] n = counts.toArray(JAVA_INT);
            int[] offsets = new int[size];
            long total = 0;
            for (int r = 0; r < size; r++) {
                offsets[r] = (int) total;
                total += n[r];
            }
            if (total > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("allGather of " + total + " values");
            }
            MemorySegment send = arena.allocate(JAVA_DOUBLE, Math.max(local.length, 1));
            MemorySegment.copy(local, 0, send, JAVA_DOUBLE, 0, local.length);
            MemorySegment receive = arena.allocate(JAVA_DOUBLE, Math.max(total, 1));
            mpi.allgatherv(send, local.length, receive, counts, arena.allocateFrom(JAVA_INT, offsets), mpi.typeDouble, comm);
            collectiveNanos += System.nanoTime() - start;
            double[] all = new double[(int) total];
            MemorySegment.copy(receive, JAVA_DOUBLE, 0, all, 0, all.length);
            return all;
        }
    }

    @Override
    public void broadcast(double[] values, int root) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(JAVA_DOUBLE, Math.max(values.length, 1));
            MemorySegment.copy(values, 0, buffer, JAVA_DOUBLE, 0, values.length);
            mpi.bcast(buffer, values.length, mpi.typeDouble, root, comm);
            MemorySegment.copy(buffer, JAVA_DOUBLE, 0, values, 0, values.length);
        }
    }

    @Override
    public void broadcast(byte[] bytes, int root) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(JAVA_BYTE, Math.max(bytes.length, 1));
            MemorySegment.copy(bytes, 0, buffer, JAVA_BYTE, 0, bytes.length);
            mpi.bcast(buffer, bytes.length, mpi.typeByte, root, comm);
            MemorySegment.copy(buffer, JAVA_BYTE, 0, bytes, 0, bytes.length);
        }
    }

    @Override
    public void barrier() {
        mpi.barrier(comm);
    }

    @Override
    public ProcessGrid grid() {
        return grid;
    }

    @Override
    public void exchange(int mu, int direction, double[] send, double[] receive) {
        if (direction != 1 && direction != -1) {
            throw new IllegalArgumentException("exchange direction " + direction + " (must be +1 or -1)");
        }
        if (send.length != receive.length) {
            throw new IllegalArgumentException("exchange of " + send.length + " values into " + receive.length);
        }
        if (grid.ranks(mu) == 1) {
            System.arraycopy(send, 0, receive, 0, send.length);
            return;
        }
        int[] ends = direction > 0 ? upward[mu] : downward[mu];
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(JAVA_DOUBLE, Math.max(send.length, 1));
            MemorySegment.copy(send, 0, out, JAVA_DOUBLE, 0, send.length);
            MemorySegment in = arena.allocate(JAVA_DOUBLE, Math.max(receive.length, 1));
            long start = System.nanoTime();
            mpi.sendrecv(out, send.length, ends[1], in, receive.length, ends[0], 2 * mu + (direction > 0 ? 0 : 1), comm);
            exchangeNanos += System.nanoTime() - start;
            MemorySegment.copy(in, JAVA_DOUBLE, 0, receive, 0, receive.length);
        }
    }

    /** Ends every process of the job with the given exit code (after a rank found an error the others cannot see). */
    public void abort(int code) {
        mpi.abort(code);
    }

    /**
     * Ends one {@link #open}; the last frees the grid's communicator and finalises MPI (the process cannot use MPI
     * afterwards).
     */
    @Override
    public void close() {
        synchronized (MpiCommunicator.class) {
            if (closed || --users > 0) {
                return;
            }
            closed = true;
            mpi.free(comm);
            if (!mpi.isFinalized()) {
                mpi.finalizeMpi();
            }
        }
    }
}
