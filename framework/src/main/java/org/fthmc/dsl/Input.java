package org.fthmc.dsl;

/** A named variable. */
public final class Input extends Leaf {
    private final String name;

    Input(String name, Type type) {
        super(type);
        this.name = name;
    }

    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }
}
