package org.fthmc.dsl;

import java.util.List;

/**
 * A DSL graph compiled for one lattice by some backend (the CPU executor {@link CompiledGraph}, or an accelerator):
 * bind the inputs in the order given at compile time and get the outputs (fields: components per site; globals:
 * their components). The arrays returned belong to the graph and are valid until its next run.
 */
public interface GraphExecutable {
    List<double[]> run(double[]... values);
}
