package org.fthmc.dsl;

/**
 * The value type of a DSL node: what one site holds — a real number, a complex number, an n×n complex matrix or a
 * real k-vector (network channels) — and whether the node is a field over all sites or one global value. A value
 * is stored as {@link #components()} doubles per site: complex numbers as (re, im), matrices row-major with
 * interleaved (re, im), vectors as their k reals.
 */
public record Type(Kind kind, int n, boolean global) {
    /** What one site holds. */
    public enum Kind { REAL, COMPLEX, MATRIX, VECTOR }

    public static final Type FIELD = new Type(Kind.REAL, 1, false);
    public static final Type SCALAR = new Type(Kind.REAL, 1, true);

    public Type {
        if (n < 1 || (kind == Kind.REAL || kind == Kind.COMPLEX) && n != 1) {
            throw new DslException("type: " + kind + " with size " + n);
        }
    }

    public static Type complex(boolean global) {
        return new Type(Kind.COMPLEX, 1, global);
    }

    /** An n×n complex matrix per site (or one global matrix). */
    public static Type matrix(int n, boolean global) {
        return new Type(Kind.MATRIX, n, global);
    }

    /** A real k-vector per site (or one global vector). */
    public static Type vector(int k, boolean global) {
        return new Type(Kind.VECTOR, k, global);
    }

    /** Doubles per site (per value for a global). */
    public int components() {
        return switch (kind) {
            case REAL -> 1;
            case COMPLEX -> 2;
            case MATRIX -> 2 * n * n;
            case VECTOR -> n;
        };
    }

    /** The same per-site type, as a field (global = false) or a global value. */
    public Type withGlobal(boolean g) {
        return new Type(kind, n, g);
    }

    /** True when the per-site values have the same kind and size (globality aside). */
    public boolean sameShape(Type other) {
        return kind == other.kind && n == other.n;
    }

    @Override
    public String toString() {
        String what = switch (kind) {
            case REAL -> "real";
            case COMPLEX -> "complex";
            case MATRIX -> n + "x" + n + " matrix";
            case VECTOR -> n + "-vector";
        };
        return what + (global ? " scalar" : " field");
    }
}
