package org.fthmc.dsl;

/**
 * An array of doubles held where a backend computes: the Java heap for the CPU executor ({@link HostArray}), device
 * memory for an accelerator. Graph runs on device arrays ({@link GraphExecutable#run(java.util.List, java.util.List)})
 * chain one graph's outputs into the next graph's inputs without a round trip through the host; {@link #write} and
 * {@link #read} are the only crossings. Made by {@code Backend.allocate}.
 */
public interface DeviceArray {
    /** Doubles held. */
    int length();

    /** Copies {@code from} (exactly {@link #length()} values) into the array. */
    void write(double[] from);

    /** Copies the array into {@code into} (exactly {@link #length()} values), after every run enqueued before. */
    void read(double[] into);
}
