package org.fthmc.plugins.backend;

import java.util.List;
import org.fthmc.config.ConfigKey;
import org.fthmc.config.Settings;
import org.fthmc.spi.Backend;
import org.fthmc.spi.BackendFactory;
import org.fthmc.spi.RunContext;

/**
 * Registers a CPU backend ({@code backend.type = cpu}, the default, with fused steps compiled to JVM bytecode and
 * matrix steps interpreted; or {@code interpret}, node by node): parallel over hmc.threads, no keys of its own.
 */
public final class HostBackendFactory implements BackendFactory {
    private final Backend backend;
    private final String doc;

    private HostBackendFactory(Backend backend, String doc) {
        this.backend = backend;
        this.doc = doc;
    }

    /** {@code cpu}: the default. */
    public static HostBackendFactory compiled() {
        return new HostBackendFactory(Backend.CPU, "DSL graphs on the CPU, fused steps compiled to JVM bytecode at run "
                + "time, steps of 3x3 or wider matrices interpreted (hmc.threads threads)");
    }

    /** {@code interpret}: the reference the compiled steps are checked against. */
    public static HostBackendFactory interpreted() {
        return new HostBackendFactory(Backend.INTERPRET, "DSL graphs on the CPU, interpreted node by node (the "
                + "reference for checking cpu; hmc.threads threads)");
    }

    @Override
    public String name() {
        return backend.name();
    }

    @Override
    public String doc() {
        return doc;
    }

    @Override
    public List<ConfigKey> keys() {
        return List.of();
    }

    @Override
    public Backend create(Settings settings, RunContext context) {
        return backend;
    }
}
