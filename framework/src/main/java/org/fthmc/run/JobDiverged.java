package org.fthmc.run;

/**
 * A job stopped because its numbers stopped being finite (ΔH or a loss is NaN): an exit with code 1 and this
 * message, no stack trace; the last checkpoint in the directory is kept, so nothing already written is lost.
 */
public final class JobDiverged extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JobDiverged(String message) {
        super(message);
    }
}
