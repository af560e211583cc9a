package org.fthmc.gpu;

import java.util.List;
import org.fthmc.config.ConfigKey;
import org.fthmc.config.KeyType;
import org.fthmc.config.Settings;
import org.fthmc.spi.Backend;
import org.fthmc.spi.BackendFactory;
import org.fthmc.spi.RunContext;

/**
 * Registers {@code backend { type = opencl, device = N, optimise = B, fusion-budget = K }}: DSL graphs as generated OpenCL C on a device with double
 * precision (device −1: the one {@value OpenClDevice#DEVICE_VARIABLE} names, else the first GPU, else the first
 * device). A machine without a usable device is reported as a config error naming the reason.
 */
public final class OpenClBackendFactory implements BackendFactory {
    @Override
    public String name() {
        return "opencl";
    }

    @Override
    public String doc() {
        return "DSL graphs as generated OpenCL C kernels on a GPU (or any OpenCL device with doubles)";
    }

    @Override
    public List<ConfigKey> keys() {
        return List.of(ConfigKey.atLeast("device", KeyType.INT, -1,
                "device index in the list of OpenCL devices; -1: $" + OpenClDevice.DEVICE_VARIABLE + ", else the first GPU"),
                ConfigKey.of("optimise", KeyType.BOOLEAN,
                        "let the OpenCL compiler optimise the kernels (false: far faster builds on PoCL, slower kernels)"),
                ConfigKey.atLeast("fusion-budget", KeyType.INT, 0,
                        "operations per site up to which a shifted value is recomputed where it is read, saving kernel launches (0: none)"));
    }

    @Override
    public Backend create(Settings settings, RunContext context) {
        try {
            return new OpenClBackend(OpenClDevice.open(settings.getInt("device")), settings.getBoolean("optimise"),
                    settings.getInt("fusion-budget"));
        } catch (OpenClDevice.Unavailable e) {
            throw settings.error("device", e.getMessage());
        }
    }
}
