package org.fthmc.dsl;

/**
 * The value type of a DSL node: a real number per site (a field over all sites of the lattice) or one global real
 * scalar. The type records how many doubles a value holds per site, so complex, matrix and vector kinds can join
 * without changing the executor's storage model (one run of {@link #components()} doubles per site).
 */
public record Type(boolean global) {
    public static final Type FIELD = new Type(false);
    public static final Type SCALAR = new Type(true);

    /** Doubles per site (per value for a global scalar). */
    public int components() {
        return 1;
    }

    @Override
    public String toString() {
        return global ? "scalar" : "field";
    }
}
