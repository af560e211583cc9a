package org.fthmc.dsl;

/** Fixed per-site data; not differentiable. */
public final class FieldConstant extends Leaf {
    private final String name;
    private final double[] data;

    FieldConstant(String name, Type type, double[] data) {
        super(type);
        if (type.global()) {
            throw new DslException("fieldConstant " + name + ": needs a field type, got " + type);
        }
        this.name = name;
        this.data = data.clone();
    }

    /** The data; read only. */
    public double[] data() {
        return data;
    }

    @Override
    public String toString() {
        return name;
    }
}
