package org.fthmc.gpu;

import java.util.List;
import org.fthmc.dsl.BufferPool;
import org.fthmc.dsl.DeviceArray;
import org.fthmc.dsl.GraphExecutable;
import org.fthmc.dsl.Input;
import org.fthmc.dsl.Node;
import org.fthmc.spi.Backend;
import org.fthmc.spi.RunContext;

/**
 * The OpenCL backend: every graph compiled through it is an {@link OpenClGraph} on one device, which stays open
 * for the life of the process, and its arrays ({@link #allocate}) are {@link OpenClArray}s there. Each graph holds
 * its own device buffers (the host pool is not used). A transform chain keeps its layer boundaries, tape and
 * cotangents in such arrays, so a sweep through the layers only enqueues kernels; the host sees V, U, ln J and
 * the force.
 */
public final class OpenClBackend implements Backend {
    private final OpenClDevice device;
    private final boolean optimise;
    private final int fusionBudget;

    /**
     * @param optimise     whether the OpenCL compiler optimises the kernels
     * @param fusionBudget operations per site up to which shifted values are computed where they are read (0: none;
     *                     see {@link OpenClGraph#compile(OpenClDevice, org.fthmc.lattice.Lattice, List, List, boolean, int)})
     */
    public OpenClBackend(OpenClDevice device, boolean optimise, int fusionBudget) {
        this.device = device;
        this.optimise = optimise;
        this.fusionBudget = fusionBudget;
    }

    @Override
    public String name() {
        return "opencl (" + device.name() + ")";
    }

    @Override
    public GraphExecutable compile(RunContext context, List<Node> outputs, List<Input> inputs, BufferPool pool) {
        return OpenClGraph.compile(device, context.lattice(), outputs, inputs, optimise, fusionBudget);
    }

    @Override
    public DeviceArray allocate(int length) {
        return new OpenClArray(device, length);
    }

    @Override
    public java.util.OptionalLong enqueued() {
        return java.util.OptionalLong.of(device.enqueued());
    }
}
