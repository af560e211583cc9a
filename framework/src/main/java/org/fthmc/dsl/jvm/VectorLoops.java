package org.fthmc.dsl.jvm;

/**
 * Whether compiled kernels run their site loops on vectors of sites (the Vector API, {@link org.fthmc.math.VectorMath}):
 * where the JVM was started with {@code --add-modules jdk.incubator.vector} (the launchers and the test runs do) and
 * {@code -Dfthmc.kernels.vectors=false} does not turn it off (for timing against site-by-site kernels). Without the
 * module the kernels loop site by site and compute the same values.
 */
public final class VectorLoops {
    /** The system property that turns vector loops off. */
    public static final String PROPERTY = "fthmc.kernels.vectors";
    private static final boolean ENABLED = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !"false".equals(System.getProperty(PROPERTY));

    private VectorLoops() {
    }

    public static boolean enabled() {
        return ENABLED;
    }
}
