package org.fthmc.gpu;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The OpenCL device of the tests. Where OpenCL is not usable the tests that need it are skipped with the reason
 * printed, unless the environment variable {@value #REQUIRE} is set (CI sets it after installing PoCL), which makes
 * the missing device a failure.
 */
final class OpenClTesting {
    static final String REQUIRE = "FTHMC_REQUIRE_OPENCL";
    private static OpenClDevice device;

    private OpenClTesting() {
    }

    /** The shared device (opened once per test JVM), or the test is skipped (or fails, when OpenCL is required). */
    static synchronized OpenClDevice device() {
        if (device == null) {
            try {
                device = OpenClDevice.open();
            } catch (OpenClDevice.Unavailable e) {
                String reason = "OpenCL tests skipped: " + e.getMessage();
                if (System.getenv(REQUIRE) != null) {
                    Assertions.fail(REQUIRE + " is set, but " + e.getMessage(), e);
                }
                System.err.println(reason);
                Assumptions.abort(reason);
            }
        }
        return device;
    }
}
