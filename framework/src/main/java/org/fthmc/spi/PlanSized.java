package org.fthmc.spi;

/**
 * A transform that knows the bytes its compiled S_FT force plan holds at its peak, for {@code fthmc bench} and
 * {@code bench-train}. A benchmark hook, not part of what a run needs from a transform.
 */
public interface PlanSized {
    /** Bytes held at the peak (a layer chain: the buffers all its graphs share, forward and inverse included). */
    long forcePlanBytes();
}
