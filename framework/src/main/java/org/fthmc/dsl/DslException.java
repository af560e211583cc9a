package org.fthmc.dsl;

/** A malformed DSL graph or a misuse of a transformation, reported where the graph is built. */
public final class DslException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DslException(String message) {
        super(message);
    }
}
