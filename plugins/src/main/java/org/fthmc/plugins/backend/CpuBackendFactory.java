package org.fthmc.plugins.backend;

import java.util.List;
import org.fthmc.config.ConfigKey;
import org.fthmc.config.Settings;
import org.fthmc.spi.Backend;
import org.fthmc.spi.BackendFactory;
import org.fthmc.spi.RunContext;

/** Registers {@code backend.type = cpu}: DSL graphs on the CPU executor (parallel over hmc.threads), the default. */
public final class CpuBackendFactory implements BackendFactory {
    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public String doc() {
        return "DSL graphs on the CPU executor (fused loops over sites, hmc.threads threads)";
    }

    @Override
    public List<ConfigKey> keys() {
        return List.of();
    }

    @Override
    public Backend create(Settings settings, RunContext context) {
        return Backend.CPU;
    }
}
