package org.fthmc.gpu;

import static org.jocl.CL.CL_MEM_READ_WRITE;
import static org.jocl.CL.CL_PROGRAM_BUILD_LOG;
import static org.jocl.CL.CL_TRUE;

import java.util.ArrayList;
import java.util.List;
import org.fthmc.dsl.DslException;
import org.fthmc.dsl.GraphExecutable;
import org.fthmc.dsl.Node;
import org.fthmc.dsl.Schedule;
import org.fthmc.lattice.Lattice;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;
import org.jocl.cl_program;

/**
 * A DSL graph compiled to OpenCL C ({@link OpenClRenderer}) and run on an {@link OpenClDevice}: the drop-in
 * counterpart of the CPU executor's {@code CompiledGraph} — the same inputs in the same order, the same outputs.
 * Constants, field constants and neighbour tables are uploaded once; a run writes the inputs, enqueues the kernels
 * and reads the outputs back. The arrays returned are this graph's own, valid until its next run. Use one instance
 * from one thread at a time; close it to free its device memory.
 */
public final class OpenClGraph implements GraphExecutable, AutoCloseable {
    private final OpenClDevice device;
    private final OpenClProgram program;
    private final cl_program clProgram;
    private final cl_mem[] memory;
    private final cl_kernel[] kernels;
    private final List<double[]> results = new ArrayList<>();
    private final List<double[]> view = java.util.Collections.unmodifiableList(results);
    private final long deviceBytes;

    private OpenClGraph(OpenClDevice device, OpenClProgram program, boolean optimise) {
        this.device = device;
        this.program = program;
        this.clProgram = CL.clCreateProgramWithSource(device.context(), 1, new String[] {program.source()}, null, null);
        try {
            CL.clBuildProgram(clProgram, 0, null, optimise ? "-cl-std=CL1.2" : "-cl-std=CL1.2 -cl-opt-disable", null, null);
        } catch (CLException e) {
            throw new DslException("OpenCL: the generated program does not build on " + device.name() + ": "
                    + e.getMessage() + "\n" + buildLog());
        }
        memory = new cl_mem[program.buffers().size()];
        long bytes = 0;
        for (OpenClProgram.Buffer b : program.buffers()) {
            long size = Math.max(8, b.bytes());
            bytes += size;
            memory[b.id()] = CL.clCreateBuffer(device.context(), CL_MEM_READ_WRITE, size, null, null);
            if (b.doubles() != null) {
                CL.clEnqueueWriteBuffer(device.queue(), memory[b.id()], CL_TRUE, 0, b.bytes(), Pointer.to(b.doubles()), 0, null, null);
            } else if (b.ints() != null) {
                CL.clEnqueueWriteBuffer(device.queue(), memory[b.id()], CL_TRUE, 0, b.bytes(), Pointer.to(b.ints()), 0, null, null);
            }
        }
        this.deviceBytes = bytes;
        kernels = new cl_kernel[program.launches().size()];
        for (int i = 0; i < kernels.length; i++) {
            OpenClProgram.Launch launch = program.launches().get(i);
            kernels[i] = CL.clCreateKernel(clProgram, launch.kernel(), null);
            for (int a = 0; a < launch.args().size(); a++) {
                CL.clSetKernelArg(kernels[i], a, Sizeof.cl_mem, Pointer.to(memory[launch.args().get(a)]));
            }
        }
        for (OpenClProgram.Output o : program.outputs()) {
            results.add(o.known() != null ? o.known() : new double[(int) program.buffers().get(o.buffer()).length()]);
        }
    }

    /** Plans the graph computing the outputs from the inputs on a lattice and builds it (optimised) for the device. */
    public static OpenClGraph compile(OpenClDevice device, Lattice lattice, List<Node> outputs, List<Node.Input> inputs) {
        return compile(device, lattice, outputs, inputs, true);
    }

    /**
     * As {@link #compile(OpenClDevice, Lattice, List, List)}; {@code optimise = false} builds with
     * {@code -cl-opt-disable}: much faster builds of large programs (PoCL), slower kernels.
     */
    public static OpenClGraph compile(OpenClDevice device, Lattice lattice, List<Node> outputs, List<Node.Input> inputs,
                                      boolean optimise) {
        return new OpenClGraph(device, OpenClRenderer.render(Schedule.of(lattice, outputs, inputs, Schedule.Memory.STORE)),
                optimise);
    }

    private String buildLog() {
        long[] size = new long[1];
        CL.clGetProgramBuildInfo(clProgram, device.device(), CL_PROGRAM_BUILD_LOG, 0, null, size);
        byte[] log = new byte[(int) size[0]];
        CL.clGetProgramBuildInfo(clProgram, device.device(), CL_PROGRAM_BUILD_LOG, log.length, Pointer.to(log), null);
        return new String(log, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Runs the graph; returns the outputs' values (fields: components per site; scalars: their components). */
    @Override
    public List<double[]> run(double[]... values) {
        List<Integer> inputs = program.inputs();
        if (values.length != inputs.size()) {
            throw new DslException("run: " + values.length + " values for " + inputs.size() + " inputs");
        }
        for (int i = 0; i < values.length; i++) {
            OpenClProgram.Buffer b = program.buffers().get(inputs.get(i));
            if (values[i].length != b.length()) {
                throw new DslException("run: input " + i + " needs " + b.length() + " values, got " + values[i].length);
            }
            CL.clEnqueueWriteBuffer(device.queue(), memory[b.id()], CL_TRUE, 0, b.bytes(), Pointer.to(values[i]), 0, null, null);
        }
        for (int i = 0; i < kernels.length; i++) {
            OpenClProgram.Launch launch = program.launches().get(i);
            CL.clEnqueueNDRangeKernel(device.queue(), kernels[i], 1, null, new long[] {launch.global()},
                    launch.local() > 0 ? new long[] {launch.local()} : null, 0, null, null);
        }
        for (int i = 0; i < results.size(); i++) {
            OpenClProgram.Output o = program.outputs().get(i);
            if (o.known() == null) {
                double[] r = results.get(i);
                CL.clEnqueueReadBuffer(device.queue(), memory[o.buffer()], CL_TRUE, 0, 8L * r.length, Pointer.to(r), 0, null, null);
            }
        }
        CL.clFinish(device.queue());
        return view;
    }

    /** Device memory the graph holds (every buffer: inputs, tables, constants, stored values). */
    public long deviceBytes() {
        return deviceBytes;
    }

    /** Kernel launches one run makes. */
    public int launches() {
        return kernels.length;
    }

    /** The generated OpenCL C, for inspection. */
    public String source() {
        return program.source();
    }

    @Override
    public void close() {
        for (cl_kernel k : kernels) {
            CL.clReleaseKernel(k);
        }
        for (cl_mem m : memory) {
            CL.clReleaseMemObject(m);
        }
        CL.clReleaseProgram(clProgram);
    }
}
