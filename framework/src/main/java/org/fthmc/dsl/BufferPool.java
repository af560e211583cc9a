package org.fthmc.dsl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Buffers shared by compiled graphs that run one after another, never interleaved (the layers of a transform
 * chain): each graph's plan asks for its k-th buffer of a given size, and graphs on one pool get the same arrays, so
 * the pool holds what the widest graph needs, not the sum over graphs. A graph's outputs live in pool buffers, so
 * they are valid only until the next graph on the pool runs: copy them out first.
 */
public final class BufferPool {
    private final Map<Integer, List<double[]>> bySize = new HashMap<>();
    private long bytes;

    /** The k-th buffer of the given length (0-based), allocated on first request. */
    double[] buffer(int length, int k) {
        List<double[]> buffers = bySize.computeIfAbsent(length, key -> new ArrayList<>());
        while (buffers.size() <= k) {
            buffers.add(new double[length]);
            bytes += 8L * length;
        }
        return buffers.get(k);
    }

    /** Bytes of every buffer the pool holds. */
    public long bytes() {
        return bytes;
    }
}
