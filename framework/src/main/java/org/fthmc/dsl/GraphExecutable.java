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
        double[][] values = new double[inputs.size()][];
        for (int i = 0; i < values.length; i++) {
            values[i] = host(inputs.get(i));
        }
        List<double[]> result = new java.util.ArrayList<>(run(values));
        if (result.size() != outputs.size()) {
            throw new DslException("run: " + outputs.size() + " arrays for " + result.size() + " outputs");
        }
        java.util.Set<double[]> written = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        outputs.forEach(o -> written.add(host(o)));
        for (int o = 0; o < result.size(); o++) {
            if (written.contains(result.get(o))) { // an input passed through, about to be overwritten by another output
                result.set(o, result.get(o).clone());
            }
        }
        for (int o = 0; o < result.size(); o++) {
            outputs.get(o).write(result.get(o));
        }
    }

    private static double[] host(DeviceArray a) {
        if (a instanceof HostArray h) {
            return h.data();
        }
        throw new DslException("run: a " + a.getClass().getSimpleName() + " given to a graph that runs on host arrays");
    }
}
