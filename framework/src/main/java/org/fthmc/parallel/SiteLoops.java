package org.fthmc.parallel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Parallel loops over index ranges (sites, links) with results that do not depend on the thread count.
 * The range is cut into fixed blocks of {@link #BLOCK} indices whatever the number of threads; a reduction sums
 * each block in index order and then the block sums in block order, so it is bit-identical for 1 or N threads.
 *
 * <p>HMC dispatches many short loops (a 64² U(1) trajectory has about 150 of ~20 µs each), so the workers are
 * persistent threads that spin briefly for the next loop before parking, and the calling thread takes blocks too.
 * Loops are not reentrant: a body must not start another loop on the same instance, and one thread at a time
 * may call it.
 */
public final class SiteLoops implements AutoCloseable {
    /** Indices per block: small enough to balance 2 cores on a 32² lattice, large enough to amortise a block. */
    public static final int BLOCK = 256;
    private static final long SPIN_NANOS = 200_000;

    /** The body of a loop over the index range [from, to). */
    @FunctionalInterface
    public interface RangeBody {
        void run(int from, int to);
    }

    /** The body of a reduction: the sum of some quantity over the index range [from, to), summed in order. */
    @FunctionalInterface
    public interface RangeSum {
        double sum(int from, int to);
    }

    private final int threads;
    private final Thread[] workers;
    private final boolean[] parked;
    private final AtomicInteger nextBlock = new AtomicInteger();
    private final AtomicInteger pending = new AtomicInteger();
    private volatile int generation;
    private volatile boolean closed;
    private volatile Throwable failure;
    private final Object parkedLock = new Object();
    private boolean active;
    // The current loop; published to the workers by the volatile write of generation.
    private int n;
    private int blocks;
    private RangeBody body;
    private RangeSum sum;
    private double[] partial;

    public SiteLoops(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
        this.workers = new Thread[threads - 1];
        this.parked = new boolean[threads - 1];
        for (int i = 0; i < workers.length; i++) {
            int id = i;
            workers[i] = Thread.ofPlatform().daemon().name("fthmc-loops-" + (i + 1)).start(() -> work(id));
        }
    }

    /** Loops on the calling thread only. */
    public static SiteLoops serial() {
        return new SiteLoops(1);
    }

    public int threads() {
        return threads;
    }

    /** Runs body over [0, n) in blocks, in parallel when more than one thread and more than one block. */
    public void forRange(int n, RangeBody body) {
        int blocks = (n + BLOCK - 1) / BLOCK;
        if (workers.length == 0 || blocks < 2 || active) {
            body.run(0, n);
            return;
        }
        dispatch(n, blocks, body, null, null);
    }

    /** The sum over [0, n), bit-identical for any thread count. */
    public double sum(int n, RangeSum body) {
        int blocks = (n + BLOCK - 1) / BLOCK;
        double[] partial = new double[Math.max(blocks, 1)];
        if (workers.length == 0 || blocks < 2 || active) {
            for (int b = 0; b < blocks; b++) {
                partial[b] = body.sum(b * BLOCK, Math.min(n, (b + 1) * BLOCK));
            }
        } else {
            dispatch(n, blocks, null, body, partial);
        }
        double total = 0;
        for (double p : partial) {
            total += p;
        }
        return total;
    }

    private void dispatch(int n, int blocks, RangeBody body, RangeSum sum, double[] partial) {
        this.n = n;
        this.blocks = blocks;
        this.body = body;
        this.sum = sum;
        this.partial = partial;
        this.failure = null;
        active = true;
        nextBlock.set(0);
        pending.set(workers.length);
        generation++;
        synchronized (parkedLock) {
            for (int i = 0; i < workers.length; i++) {
                if (parked[i]) {
                    LockSupport.unpark(workers[i]);
                }
            }
        }
        try {
            runBlocks();
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        while (pending.get() != 0) {
            Thread.onSpinWait();
        }
        active = false;
        this.body = null;
        this.sum = null;
        this.partial = null;
        Throwable f = failure;
        if (f instanceof RuntimeException r) {
            throw r;
        }
        if (f instanceof Error e) {
            throw e;
        }
    }

    private void runBlocks() {
        int b;
        while ((b = nextBlock.getAndIncrement()) < blocks) {
            int from = b * BLOCK;
            int to = Math.min(n, from + BLOCK);
            if (body != null) {
                body.run(from, to);
            } else {
                partial[b] = sum.sum(from, to);
            }
        }
    }

    private void work(int id) {
        int seen = 0;
        while (true) {
            long spinStart = System.nanoTime();
            while (generation == seen && !closed) {
                if (System.nanoTime() - spinStart < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    synchronized (parkedLock) {
                        parked[id] = true;
                    }
                    if (generation == seen && !closed) {
                        LockSupport.park(this);
                    }
                    synchronized (parkedLock) {
                        parked[id] = false;
                    }
                    spinStart = System.nanoTime();
                }
            }
            if (closed) {
                return;
            }
            seen = generation;
            try {
                runBlocks();
            } catch (RuntimeException | Error e) {
                failure = e;
            } finally {
                pending.decrementAndGet();
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Thread w : workers) {
            LockSupport.unpark(w);
        }
    }
}
