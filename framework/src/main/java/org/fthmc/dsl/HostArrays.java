package org.fthmc.dsl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/** Binding {@link HostArray}s to a graph that runs on host arrays: their data as inputs, results written back. */
final class HostArrays {
    private HostArrays() {
    }

    /** The data of each array, which must be a {@link HostArray}. */
    static double[][] data(List<? extends DeviceArray> arrays) {
        double[][] data = new double[arrays.size()][];
        for (int i = 0; i < data.length; i++) {
            if (!(arrays.get(i) instanceof HostArray h)) {
                throw new DslException("run: a " + arrays.get(i).getClass().getSimpleName() + " given to a graph that runs on host arrays");
            }
            data[i] = h.data();
        }
        return data;
    }

    /**
     * Writes each result into its output array, except those already computed there ({@code inPlace[i]} true). A
     * result that is another output's array (an input passed through, about to be overwritten) is copied first.
     */
    static void write(List<double[]> results, boolean[] inPlace, List<? extends DeviceArray> outputs) {
        if (results.size() != outputs.size()) {
            throw new DslException("run: " + outputs.size() + " arrays for " + results.size() + " outputs");
        }
        List<double[]> result = new ArrayList<>(results);
        Set<double[]> written = Collections.newSetFromMap(new IdentityHashMap<>());
        written.addAll(List.of(data(outputs)));
        for (int o = 0; o < result.size(); o++) {
            if (!inPlace[o] && written.contains(result.get(o))) {
                result.set(o, result.get(o).clone());
            }
        }
        for (int o = 0; o < result.size(); o++) {
            if (!inPlace[o]) {
                outputs.get(o).write(result.get(o));
            }
        }
    }
}
