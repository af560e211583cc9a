package org.fthmc.comm.mpi;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * The few functions of Open MPI's C library ({@code libmpi}) that fthmc calls, through Java's foreign function API.
 * Open MPI's handles ({@code MPI_Comm}, {@code MPI_Datatype}, {@code MPI_Op}) are pointers to its predefined
 * objects, so {@code MPI_COMM_WORLD} is the address of the symbol {@code ompi_mpi_comm_world}; other MPI
 * implementations (MPICH's integer handles) are not supported. Every call's return code is checked.
 *
 * <p>The library is {@code $FTHMC_MPI_LIBRARY} if set, else {@code libmpi.so.40} or {@code libmpi.so} on the loader's
 * path. It is opened with {@code RTLD_GLOBAL} first (through {@code dlopen}), as Open MPI asks of programs that load
 * it at run time: its components, loaded by libmpi itself, resolve symbols of libmpi.
 */
final class OpenMpi {
    /** {@code MPI_THREAD_FUNNELED}: only the thread that initialised MPI calls it (site-loop workers never do). */
    static final int THREAD_FUNNELED = 1;
    private static final int RTLD_NOW = 2;
    private static final int RTLD_GLOBAL = 0x100;

    private final Linker linker = Linker.nativeLinker();
    private final SymbolLookup library;
    final MemorySegment commWorld;
    final MemorySegment typeDouble;
    final MemorySegment typeInt;
    final MemorySegment typeByte;
    final MemorySegment opMax;
    private final MethodHandle initialized;
    private final MethodHandle finalized;
    private final MethodHandle initThread;
    private final MethodHandle finalizeMpi;
    private final MethodHandle abort;
    private final MethodHandle commRank;
    private final MethodHandle commSize;
    private final MethodHandle commFree;
    private final MethodHandle barrier;
    private final MethodHandle bcast;
    private final MethodHandle allgather;
    private final MethodHandle allgatherv;
    private final MethodHandle allreduce;
    private final MethodHandle sendrecv;
    private final MethodHandle cartCreate;
    private final MethodHandle cartShift;
    private final MethodHandle cartCoords;

    /** Thrown when libmpi cannot be found or is not Open MPI. */
    static final class Unavailable extends RuntimeException {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private OpenMpi(SymbolLookup library) {
        this.library = library;
        commWorld = symbol("ompi_mpi_comm_world");
        typeDouble = symbol("ompi_mpi_double");
        typeInt = symbol("ompi_mpi_int");
        typeByte = symbol("ompi_mpi_byte");
        opMax = symbol("ompi_mpi_op_max");
        initialized = function("MPI_Initialized", ADDRESS);
        finalized = function("MPI_Finalized", ADDRESS);
        initThread = function("MPI_Init_thread", ADDRESS, ADDRESS, JAVA_INT, ADDRESS);
        finalizeMpi = function("MPI_Finalize");
        abort = function("MPI_Abort", ADDRESS, JAVA_INT);
        commRank = function("MPI_Comm_rank", ADDRESS, ADDRESS);
        commSize = function("MPI_Comm_size", ADDRESS, ADDRESS);
        commFree = function("MPI_Comm_free", ADDRESS);
        barrier = function("MPI_Barrier", ADDRESS);
        bcast = function("MPI_Bcast", ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS);
        allgather = function("MPI_Allgather", ADDRESS, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS);
        allgatherv = function("MPI_Allgatherv", ADDRESS, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS);
        allreduce = function("MPI_Allreduce", ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, ADDRESS);
        sendrecv = function("MPI_Sendrecv", ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT,
                ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS);
        cartCreate = function("MPI_Cart_create", ADDRESS, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, ADDRESS);
        cartShift = function("MPI_Cart_shift", ADDRESS, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS);
        cartCoords = function("MPI_Cart_coords", ADDRESS, JAVA_INT, JAVA_INT, ADDRESS);
    }

    /** Loads libmpi (see the class comment), or throws {@link Unavailable} naming what was tried. */
    static OpenMpi load() {
        String configured = System.getenv("FTHMC_MPI_LIBRARY");
        List<String> names = configured != null ? List.of(configured) : List.of("libmpi.so.40", "libmpi.so");
        List<String> failures = new ArrayList<>();
        Linker linker = Linker.nativeLinker();
        MethodHandle dlopen = linker.defaultLookup().find("dlopen")
                .map(s -> linker.downcallHandle(s, FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT))).orElse(null);
        for (String name : names) {
            try {
                if (dlopen != null) {
                    try (Arena arena = Arena.ofConfined()) {
                        MemorySegment handle = (MemorySegment) dlopen.invokeExact(arena.allocateFrom(name), RTLD_NOW | RTLD_GLOBAL);
                        if (handle.address() == 0) {
                            failures.add(name + ": dlopen failed");
                            continue;
                        }
                    }
                }
                return new OpenMpi(SymbolLookup.libraryLookup(name, Arena.global()));
            } catch (Unavailable e) {
                throw e;
            } catch (Throwable e) {
                failures.add(name + ": " + e.getMessage());
            }
        }
        throw new Unavailable("Open MPI's libmpi not found (" + String.join("; ", failures)
                + "); install openmpi-bin and libopenmpi-dev, or set FTHMC_MPI_LIBRARY to its path", null);
    }

    private MemorySegment symbol(String name) {
        return library.find(name).orElseThrow(() -> new Unavailable(
                "the MPI library has no symbol " + name + ": only Open MPI is supported", null));
    }

    private MethodHandle function(String name, java.lang.foreign.MemoryLayout... arguments) {
        MemorySegment address = library.find(name).orElseThrow(() -> new Unavailable("the MPI library has no function " + name, null));
        return linker.downcallHandle(address, FunctionDescriptor.of(JAVA_INT, arguments));
    }

    private static void check(String call, int code) {
        if (code != 0) {
            throw new IllegalStateException(call + " failed with MPI error code " + code);
        }
    }

    boolean isInitialized() {
        return flag(initialized, "MPI_Initialized");
    }

    boolean isFinalized() {
        return flag(finalized, "MPI_Finalized");
    }

    private static boolean flag(MethodHandle query, String name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment flag = arena.allocate(JAVA_INT);
            check(name, (int) query.invokeExact(flag));
            return flag.get(JAVA_INT, 0) != 0;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(name, e);
        }
    }

    /** MPI_Init_thread(NULL, NULL, required, &provided); returns the thread level provided. */
    int initThread(int required) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment provided = arena.allocate(JAVA_INT);
            check("MPI_Init_thread", (int) initThread.invokeExact(MemorySegment.NULL, MemorySegment.NULL, required, provided));
            return provided.get(JAVA_INT, 0);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("MPI_Init_thread", e);
        }
    }

    void finalizeMpi() {
        invoke("MPI_Finalize", () -> (int) finalizeMpi.invokeExact());
    }

    /** MPI_Abort on the world communicator: ends every process of the job with the given exit code. */
    void abort(int code) {
        invoke("MPI_Abort", () -> (int) abort.invokeExact(commWorld, code));
    }

    int rank(MemorySegment comm) {
        return intResult("MPI_Comm_rank", out -> (int) commRank.invokeExact(comm, out));
    }

    int size(MemorySegment comm) {
        return intResult("MPI_Comm_size", out -> (int) commSize.invokeExact(comm, out));
    }

    void free(MemorySegment comm) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment handle = arena.allocate(ADDRESS);
            handle.set(ADDRESS, 0, comm);
            invoke("MPI_Comm_free", () -> (int) commFree.invokeExact(handle));
        }
    }

    void barrier(MemorySegment comm) {
        invoke("MPI_Barrier", () -> (int) barrier.invokeExact(comm));
    }

    void bcast(MemorySegment buffer, int count, MemorySegment type, int root, MemorySegment comm) {
        invoke("MPI_Bcast", () -> (int) bcast.invokeExact(buffer, count, type, root, comm));
    }

    void allgather(MemorySegment send, int count, MemorySegment type, MemorySegment receive, MemorySegment comm) {
        invoke("MPI_Allgather", () -> (int) allgather.invokeExact(send, count, type, receive, count, type, comm));
    }

    void allgatherv(MemorySegment send, int count, MemorySegment receive, MemorySegment counts, MemorySegment displacements,
                    MemorySegment type, MemorySegment comm) {
        invoke("MPI_Allgatherv", () -> (int) allgatherv.invokeExact(send, count, type, receive, counts, displacements, type, comm));
    }

    void allreduce(MemorySegment send, MemorySegment receive, int count, MemorySegment type, MemorySegment op, MemorySegment comm) {
        invoke("MPI_Allreduce", () -> (int) allreduce.invokeExact(send, receive, count, type, op, comm));
    }

    /** MPI_Sendrecv of doubles with MPI_STATUS_IGNORE (NULL in Open MPI). */
    void sendrecv(MemorySegment send, int sendCount, int destination, MemorySegment receive, int receiveCount, int source,
                  int tag, MemorySegment comm) {
        invoke("MPI_Sendrecv", () -> (int) sendrecv.invokeExact(send, sendCount, typeDouble, destination, tag,
                receive, receiveCount, typeDouble, source, tag, comm, MemorySegment.NULL));
    }

    /** A periodic Cartesian communicator over the world's processes, ranks kept (no reordering). */
    MemorySegment cartCreate(int[] dims) {
        try (Arena arena = Arena.ofConfined()) {
            int[] periods = new int[dims.length];
            java.util.Arrays.fill(periods, 1);
            MemorySegment out = arena.allocate(ADDRESS);
            invoke("MPI_Cart_create", () -> (int) cartCreate.invokeExact(commWorld, dims.length, arena.allocateFrom(JAVA_INT, dims),
                    arena.allocateFrom(JAVA_INT, periods), 0, out));
            return out.get(ADDRESS, 0);
        }
    }

    /** The ranks {source, destination} of a shift by {@code displacement} along dimension {@code dim}. */
    int[] cartShift(MemorySegment comm, int dim, int displacement) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment source = arena.allocate(JAVA_INT);
            MemorySegment destination = arena.allocate(JAVA_INT);
            invoke("MPI_Cart_shift", () -> (int) cartShift.invokeExact(comm, dim, displacement, source, destination));
            return new int[] {source.get(JAVA_INT, 0), destination.get(JAVA_INT, 0)};
        }
    }

    int[] cartCoords(MemorySegment comm, int rank, int dims) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment coords = arena.allocate(JAVA_INT, dims);
            invoke("MPI_Cart_coords", () -> (int) cartCoords.invokeExact(comm, rank, dims, coords));
            return coords.toArray(JAVA_INT);
        }
    }

    @FunctionalInterface
    private interface Call {
        int invoke() throws Throwable;
    }

    @FunctionalInterface
    private interface IntCall {
        int invoke(MemorySegment out) throws Throwable;
    }

    private static void invoke(String name, Call call) {
        int code;
        try {
            code = call.invoke();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(name, e);
        }
        check(name, code);
    }

    private static int intResult(String name, IntCall call) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(JAVA_INT);
            invoke(name, () -> call.invoke(out));
            return out.get(JAVA_INT, 0);
        }
    }
}
