package org.fthmc.dsl;

import java.util.List;

/**
 * A DSL graph compiled for one lattice by some backend (the CPU executor {@link CompiledGraph}, or an accelerator):
 * bind the inputs in the order given at compile time and get the outputs (fields: components per site; globals:
 * their components).
 */
public interface GraphExecutable {
    /** Runs on host arrays. The arrays returned belong to the graph and are valid until its next run. */
    List<double[]> run(double[]... values);

    /**
     * Runs on arrays of the compiling backend: {@code inputs} bound in order, each output's value written into the
     * array of {@code outputs} at its index. An output array may also be one of the inputs (an update in place).
     * This default serves {@link HostArray}s through {@link #run(double[]...)}; an accelerator overrides it so that
     * nothing crosses to the host.
     */
    default void run(List<? extends DeviceArray> inputs, List<? extends DeviceArray> outputs) {
        HostArrays.write(run(HostArrays.data(inputs)), new boolean[outputs.size()], outputs);
    }
}
