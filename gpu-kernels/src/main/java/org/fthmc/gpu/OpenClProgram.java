package org.fthmc.gpu;

import java.util.List;

/**
 * A DSL graph rendered for OpenCL: the C source of its kernels, the device buffers they use and the launches one
 * run makes, in order. Made by {@link OpenClRenderer}; run by {@link OpenClGraph}.
 *
 * @param source   the OpenCL C program (double precision, {@code cl_khr_fp64})
 * @param buffers  every device buffer, indexed by {@link Buffer#id()}
 * @param launches the kernel launches of one run, in order
 * @param inputs   the buffer of each bound input, in the order values are given
 * @param outputs  where each output is found after a run
 */
public record OpenClProgram(String source, List<Buffer> buffers, List<Launch> launches, List<Integer> inputs,
                            List<Output> outputs) {

    /**
     * A device buffer: {@code length} doubles, or the ints of a neighbour table; uploaded once from {@code doubles}
     * or {@code ints} when they are given (constants, tables), written per run for an input, else computed.
     */
    public record Buffer(int id, long length, double[] doubles, int[] ints) {
        /** Whether the buffer holds ints (a neighbour table) rather than doubles. */
        boolean integer() {
            return ints != null;
        }

        long bytes() {
            return length * (integer() ? 4 : 8);
        }
    }

    /** One kernel launch: {@code global} work items in groups of {@code local} (0: the device chooses). */
    public record Launch(String kernel, long global, long local, List<Integer> args) {
    }

    /** An output: the buffer holding it, or a value known at compile time (a constant, a field constant). */
    public record Output(int buffer, double[] known) {
    }
}
