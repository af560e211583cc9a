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
    private final Object parkedLock = new Object();
    /** The latest loop; a worker that finds it different from the last one it ran takes blocks of it. */
    private volatile Loop current;
    private volatile boolean closed;
    private boolean active;

    /**
     * One dispatched loop with its own block counter and count of blocks not yet done, so a worker that wakes late
     * can only claim blocks of the loop whose body it holds, and the loop ends when its blocks are done, not when
     * every worker has checked in: a worker the operating system has descheduled (more threads than cores on the
     * machine) delays a loop only if it holds one of its blocks.
     */
    private static final class Loop {
        final int n;
        final int blocks;
        // Cleared when the loop is done (a late worker cannot claim a block then), so the arrays a body captured
        // are not kept alive by the workers' and this instance's references to their last loop.
        RangeBody body;
        RangeSum sum;
        double[] partial;
        final AtomicInteger nextBlock = new AtomicInteger();
        final AtomicInteger pending;
        volatile Throwable failure;

        Loop(int n, int blocks, RangeBody body, RangeSum sum, double[] partial) {
            this.n = n;
            this.blocks = blocks;
            this.body = body;
            this.sum = sum;
            this.partial = partial;
            this.pending = new AtomicInteger(blocks);
        }

        void runBlocks() {
            int b;
            while ((b = nextBlock.getAndIncrement()) < blocks) {
                try {
                    int from = b * BLOCK;
                    int to = Math.min(n, from + BLOCK);
                    if (body != null) {
                        body.run(from, to);
                    } else {
                        partial[b] = sum.sum(from, to);
                    }
                } catch (RuntimeException | Error e) {
                    failure = e;
                } finally {
                    pending.decrementAndGet();
                }
            }
        }
    }

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
        double total = 0;
        for (double p : blockSums(n, body)) {
            total += p;
        }
        return total;
    }

    /**
     * The sum over each block of [0, n) (one value when n = 0): what {@link #sum} adds in block order, for a
     * reduction across processes that must give the one-process sum bit for bit ({@code Communicator.sumInOrder}).
     */
    public double[] blockSums(int n, RangeSum body) {
        int blocks = (n + BLOCK - 1) / BLOCK;
        double[] partial = new double[Math.max(blocks, 1)];
        if (workers.length == 0 || blocks < 2 || active) {
            for (int b = 0; b < blocks; b++) {
                partial[b] = body.sum(b * BLOCK, Math.min(n, (b + 1) * BLOCK));
            }
        } else {
            dispatch(n, blocks, null, body, partial);
        }
        return partial;
    }

    private void dispatch(int n, int blocks, RangeBody body, RangeSum sum, double[] partial) {
        Loop loop = new Loop(n, blocks, body, sum, partial);
        active = true;
        current = loop;
        synchronized (parkedLock) {
            for (int i = 0; i < workers.length; i++) {
                if (parked[i]) {
                    LockSupport.unpark(workers[i]);
                }
            }
        }
        loop.runBlocks();
        long spinStart = System.nanoTime();
        while (loop.pending.get() != 0) {
            if (System.nanoTime() - spinStart < SPIN_NANOS) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
        active = false;
        loop.body = null;
        loop.sum = null;
        loop.partial = null;
        Throwable f = loop.failure;
        if (f instanceof RuntimeException r) {
            throw r;
        }
        if (f instanceof Error e) {
            throw e;
        }
    }

    private void work(int id) {
        Loop seen = null;
        while (true) {
            long spinStart = System.nanoTime();
            while (current == seen && !closed) {
                if (System.nanoTime() - spinStart < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    synchronized (parkedLock) {
                        parked[id] = true;
                    }
                    if (current == seen && !closed) {
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
            seen = current;
            seen.runBlocks();
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
