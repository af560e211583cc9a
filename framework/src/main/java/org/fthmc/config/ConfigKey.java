package org.fthmc.config;

/**
 * One key a config block accepts: its name, type, a one-line doc, and the numeric range a value must lie in
 * (applied to numbers and to every element of an integer list). Defaults are not declared here: they live in the
 * {@code reference.conf} of the module that owns the block, and a key without a default there is required.
 */
public record ConfigKey(String name, KeyType type, String doc, double min, boolean minExclusive, double max) {

    public static ConfigKey of(String name, KeyType type, String doc) {
        return new ConfigKey(name, type, doc, Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY);
    }

    /** A number that must be > 0. */
    public static ConfigKey positive(String name, KeyType type, String doc) {
        return new ConfigKey(name, type, doc, 0, true, Double.POSITIVE_INFINITY);
    }

    /** A number (or each list element) that must be >= min. */
    public static ConfigKey atLeast(String name, KeyType type, double min, String doc) {
        return new ConfigKey(name, type, doc, min, false, Double.POSITIVE_INFINITY);
    }

    /** A number in [min, max]. */
    public static ConfigKey between(String name, KeyType type, double min, double max, String doc) {
        return new ConfigKey(name, type, doc, min, false, max);
    }

    /** Null when x is allowed, else the reason it is not. */
    public String rangeProblem(double x) {
        if (x < min || (minExclusive && x == min)) {
            return "must be " + (minExclusive ? "> " : ">= ") + format(min);
        }
        if (x > max) {
            return "must be <= " + format(max);
        }
        return null;
    }

    /** The range in words, for {@code fthmc plugins}; empty when unbounded. */
    public String rangeText() {
        String lo = min == Double.NEGATIVE_INFINITY ? "" : (minExclusive ? "> " : ">= ") + format(min);
        String hi = max == Double.POSITIVE_INFINITY ? "" : "<= " + format(max);
        return lo.isEmpty() ? hi : hi.isEmpty() ? lo : lo + ", " + hi;
    }

    private static String format(double x) {
        return x == Math.rint(x) ? Long.toString((long) x) : Double.toString(x);
    }
}
