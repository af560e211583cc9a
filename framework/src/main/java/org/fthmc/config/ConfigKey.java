package org.fthmc.config;

import java.util.List;

/**
 * One key a config block accepts: its name, type, a one-line doc, the numeric range a value must lie in (applied to
 * numbers and to every element of a numeric list), for a string that names one of a few options those options, and
 * optionally its default ({@link #withDefault}). A default may instead live in the {@code reference.conf} of the module
 * that owns the block (which wins where both exist); a key with neither is required.
 * <p>
 * Every number must also fit its type, whatever the declared range: an integer key takes a Java {@code int}, a
 * {@link KeyType#LONG} a {@code long}, and a real number must be finite with magnitude at most
 * {@value #MAX_MAGNITUDE} (beyond that, actions and energies overflow double arithmetic to infinity or NaN).
 */
public record ConfigKey(String name, KeyType type, String doc, double min, boolean minExclusive, double max, List<String> choices,
                        Object defaultValue) {
    /** The largest magnitude a real-valued key accepts. */
    public static final double MAX_MAGNITUDE = 1e100;

    public ConfigKey {
        choices = List.copyOf(choices);
    }

    private ConfigKey(String name, KeyType type, String doc, double min, boolean minExclusive, double max, List<String> choices) {
        this(name, type, doc, min, minExclusive, max, choices, null);
    }

    /** This key with a default value (a number, boolean, string or list of them), declared beside the key itself. */
    public ConfigKey withDefault(Object value) {
        return new ConfigKey(name, type, doc, min, minExclusive, max, choices, value);
    }

    /** The defaults the keys declare, as a config (keys without one are absent). */
    public static com.typesafe.config.Config defaults(List<ConfigKey> keys) {
        java.util.Map<String, Object> values = new java.util.LinkedHashMap<>();
        for (ConfigKey k : keys) {
            if (k.defaultValue() != null) {
                values.put(k.name(), k.defaultValue());
            }
        }
        return com.typesafe.config.ConfigFactory.parseMap(values, "defaults declared with the keys");
    }

    public static ConfigKey of(String name, KeyType type, String doc) {
        return new ConfigKey(name, type, doc, Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY, List.of());
    }

    /** A number that must be > 0. */
    public static ConfigKey positive(String name, KeyType type, String doc) {
        return new ConfigKey(name, type, doc, 0, true, Double.POSITIVE_INFINITY, List.of());
    }

    /** A number (or each list element) that must be >= min. */
    public static ConfigKey atLeast(String name, KeyType type, double min, String doc) {
        return new ConfigKey(name, type, doc, min, false, Double.POSITIVE_INFINITY, List.of());
    }

    /** A number in [min, max]. */
    public static ConfigKey between(String name, KeyType type, double min, double max, String doc) {
        return new ConfigKey(name, type, doc, min, false, max, List.of());
    }

    /** A string that must be one of the given options. */
    public static ConfigKey oneOf(String name, String doc, String... choices) {
        return new ConfigKey(name, KeyType.STRING, doc, Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY, List.of(choices));
    }

    /** Null when x is allowed, else the reason it is not (the declared range, then what the type can hold). */
    public String rangeProblem(double x) {
        if (!Double.isFinite(x)) {
            return "must be a finite number (numbers beyond ±1.8e308 overflow to infinity)";
        }
        double lo = Math.max(min, type.smallest());
        double hi = Math.min(max, type.largest());
        if (x < lo || (minExclusive && x == min)) {
            return "must be " + (minExclusive && min >= type.smallest() ? "> " : ">= ") + format(lo);
        }
        if (x > hi) {
            return "must be <= " + format(hi);
        }
        return null;
    }

    /** Null when s is one of the options (or the key has none), else the reason it is not, with the nearest option. */
    public String choiceProblem(String s) {
        if (choices.isEmpty() || choices.contains(s)) {
            return null;
        }
        return "must be one of " + String.join(", ", choices) + ", got '" + s + "'" + NearestName.hint(s, choices);
    }

    /** The declared range (or the options) in words, for {@code fthmc plugins}; empty when unbounded. */
    public String rangeText() {
        if (!choices.isEmpty()) {
            return "one of " + String.join(", ", choices);
        }
        String lo = min == Double.NEGATIVE_INFINITY ? "" : (minExclusive ? "> " : ">= ") + format(min);
        String hi = max == Double.POSITIVE_INFINITY ? "" : "<= " + format(max);
        return lo.isEmpty() ? hi : hi.isEmpty() ? lo : lo + ", " + hi;
    }

    private static String format(double x) {
        if (Math.abs(x) >= 1e15) {
            return x == Math.rint(x) && Math.abs(x) < 0x1p63 ? Long.toString((long) x) : String.valueOf(x).replace(".0E", "e").replace("E", "e");
        }
        return x == Math.rint(x) ? Long.toString((long) x) : Double.toString(x);
    }
}
