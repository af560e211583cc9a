package org.fthmc.rng;

/** What a random number is for: one coordinate of the key of every draw, so different uses never share numbers. */
public enum Purpose {
    MOMENTUM(1), METROPOLIS(2), INITIAL_FIELD(3), HEAT_BATH(4), TEST(200);

    private final int code;

    Purpose(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
