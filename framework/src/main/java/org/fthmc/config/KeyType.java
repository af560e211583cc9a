package org.fthmc.config;

import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;

/** The value types a config key can declare, each with the check that a HOCON value has that type. */
public enum KeyType {
    INT("an integer"), LONG("an integer"), DOUBLE("a number"), BOOLEAN("true or false"), STRING("a string"),
    INT_LIST("a list of integers"), DOUBLE_LIST("a list of numbers"), STRING_LIST("a list of strings"), PLUGIN_LIST("a list of plugin names or blocks"),
    PLUGIN_BLOCK("a plugin block { type = ..., ... }");

    private final String description;

    KeyType(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** True when the value has this type (HOCON's string/number coercions are not applied: "3" is not a number). */
    public boolean accepts(ConfigValue value) {
        return switch (this) {
            case INT, LONG -> isInteger(value);
            case DOUBLE -> value.valueType() == ConfigValueType.NUMBER;
            case BOOLEAN -> value.valueType() == ConfigValueType.BOOLEAN;
            case STRING -> value.valueType() == ConfigValueType.STRING;
            case INT_LIST -> value.valueType() == ConfigValueType.LIST
                    && ((com.typesafe.config.ConfigList) value).stream().allMatch(KeyType::isInteger);
            case DOUBLE_LIST -> value.valueType() == ConfigValueType.LIST
                    && ((com.typesafe.config.ConfigList) value).stream().allMatch(v -> v.valueType() == ConfigValueType.NUMBER);
            case STRING_LIST -> value.valueType() == ConfigValueType.LIST
                    && ((com.typesafe.config.ConfigList) value).stream().allMatch(v -> v.valueType() == ConfigValueType.STRING);
            case PLUGIN_BLOCK -> value.valueType() == ConfigValueType.OBJECT;
            case PLUGIN_LIST -> value.valueType() == ConfigValueType.LIST
                    && ((com.typesafe.config.ConfigList) value).stream().allMatch(
                            v -> v.valueType() == ConfigValueType.STRING || v.valueType() == ConfigValueType.OBJECT);
        };
    }

    /** The smallest number a value (or list element) of this type can hold. */
    public double smallest() {
        return switch (this) {
            case INT, INT_LIST -> Integer.MIN_VALUE;
            case LONG -> Long.MIN_VALUE;
            case DOUBLE, DOUBLE_LIST -> -ConfigKey.MAX_MAGNITUDE;
            default -> Double.NEGATIVE_INFINITY;
        };
    }

    /** The largest number a value (or list element) of this type can hold. */
    public double largest() {
        return switch (this) {
            case INT, INT_LIST -> Integer.MAX_VALUE;
            case LONG -> Long.MAX_VALUE;
            case DOUBLE, DOUBLE_LIST -> ConfigKey.MAX_MAGNITUDE;
            default -> Double.POSITIVE_INFINITY;
        };
    }

    /** True for an integral number; whether it fits the key's type is a range check ({@link ConfigKey#rangeProblem}). */
    private static boolean isInteger(ConfigValue value) {
        if (value.valueType() != ConfigValueType.NUMBER) {
            return false;
        }
        Object n = value.unwrapped();
        if (n instanceof Integer || n instanceof Long) {
            return true;
        }
        double d = ((Number) n).doubleValue();
        return d == Math.rint(d) && Math.abs(d) < 0x1p63;
    }
}
