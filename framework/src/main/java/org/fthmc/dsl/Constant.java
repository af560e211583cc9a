package org.fthmc.dsl;

/** A global constant. */
public final class Constant extends Leaf {
    private final double[] value;

    Constant(Type type, double[] value) {
        super(type);
        if (!type.global() || value.length != type.components()) {
            throw new DslException("constant: a " + type + " needs " + type.components() + " components, got " + value.length);
        }
        this.value = value.clone();
    }

    /** The components; read only. */
    public double[] value() {
        return value;
    }

    @Override
    public String toString() {
        return value.length == 1 ? Double.toString(value[0]) : value.length <= 4 ? java.util.Arrays.toString(value) : "constant " + type();
    }
}
