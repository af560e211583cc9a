package org.fthmc.gpu;

import static org.jocl.CL.CL_MEM_READ_WRITE;
import static org.jocl.CL.CL_PROGRAM_BUILD_LOG;
import static org.jocl.CL.CL_TRUE;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.fthmc.dsl.DeviceArray;
import org.fthmc.dsl.DslException;
import org.fthmc.dsl.GraphExecutable;
import org.fthmc.dsl.Input;
import org.fthmc.dsl.Node;
import org.fthmc.dsl.Schedule;
import org.fthmc.dsl.ShiftFusion;
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
 * Constants, field constants and neighbour tables are uploaded once. A run on host arrays writes the inputs,
 * enqueues the kernels and reads the outputs back (the arrays returned are this graph's own, valid until its next
 * run). A run on {@link OpenClArray}s binds them as the kernels' inputs and outputs and only enqueues: graphs chained
 * that way exchange nothing with the host, and the queue's order keeps them in sequence. Use one instance from one
 * thread at a time; close it to free its device memory.
 */
public final class OpenClGraph implements GraphExecutable, AutoCloseable {
    private final OpenClDevice device;
    private final OpenClProgram program;
    private final cl_program clProgram;
    /** Each buffer's own memory: made at once for uploaded data, on first use for the rest. */
    private final cl_mem[] memory;
    /** The memory each buffer's kernel arguments point at now (its own, or a bound {@link OpenClArray}'s). */
    private final cl_mem[] bound;
    /** Per buffer, the (kernel, argument) pairs that read or write it. */
    private final List<List<int[]>> uses = new ArrayList<>();
    private final boolean[] isInput;
    private final cl_kernel[] kernels;
    private final List<double[]> results = new ArrayList<>();
    private final List<double[]> view = Collections.unmodifiableList(results);

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
        int n = program.buffers().size();
        memory = new cl_mem[n];
        bound = new cl_mem[n];
        isInput = new boolean[n];
        program.inputs().forEach(b -> isInput[b] = true);
        for (int i = 0; i < n; i++) {
            uses.add(new ArrayList<>());
        }
        kernels = new cl_kernel[program.launches().size()];
        for (int i = 0; i < kernels.length; i++) {
            OpenClProgram.Launch launch = program.launches().get(i);
            kernels[i] = CL.clCreateKernel(clProgram, launch.kernel(), null);
            for (int a = 0; a < launch.args().size(); a++) {
                uses.get(launch.args().get(a)).add(new int[] {i, a});
            }
        }
        for (OpenClProgram.Buffer b : program.buffers()) {
            if (b.doubles() != null || b.ints() != null) {
                Pointer data = b.doubles() != null ? Pointer.to(b.doubles()) : Pointer.to(b.ints());
                CL.clEnqueueWriteBuffer(device.queue(), own(b.id()), CL_TRUE, 0, b.bytes(), data, 0, null, null);
            }
            if (!isInput[b.id()]) {
                bind(b.id(), own(b.id()));
            }
        }
        for (OpenClProgram.Output o : program.outputs()) {
            results.add(o.known() != null ? o.known() : new double[(int) program.buffers().get(o.buffer()).length()]);
        }
    }

    /** The buffer's own device memory, made on first use. */
    private cl_mem own(int buffer) {
        if (memory[buffer] == null) {
            memory[buffer] = CL.clCreateBuffer(device.context(), CL_MEM_READ_WRITE,
                    Math.max(8, program.buffers().get(buffer).bytes()), null, null);
        }
        return memory[buffer];
    }

    /** Points the kernel arguments of a buffer at the given memory. */
    private void bind(int buffer, cl_mem mem) {
        if (bound[buffer] != mem) {
            for (int[] use : uses.get(buffer)) {
                CL.clSetKernelArg(kernels[use[0]], use[1], Sizeof.cl_mem, Pointer.to(mem));
            }
            bound[buffer] = mem;
        }
    }

    /** Plans the graph computing the outputs from the inputs on a lattice and builds it (optimised) for the device. */
    public static OpenClGraph compile(OpenClDevice device, Lattice lattice, List<Node> outputs, List<Input> inputs) {
        return compile(device, lattice, outputs, inputs, true, 0);
    }

    /**
     * As {@link #compile(OpenClDevice, Lattice, List, List)}; {@code optimise = false} builds with
     * {@code -cl-opt-disable} (much faster builds of large programs on PoCL, slower kernels); cheap shifted values are
     * computed where they are read ({@link ShiftFusion}) up to {@code fusionBudget} estimated operations per site:
     * fewer kernel launches, more work per launch (0: no fusion).
     */
    public static OpenClGraph compile(OpenClDevice device, Lattice lattice, List<Node> outputs, List<Input> inputs,
                                      boolean optimise, int fusionBudget) {
        return new OpenClGraph(device, OpenClRenderer.render(Schedule.of(lattice, ShiftFusion.rewrite(outputs, fusionBudget),
                inputs, Schedule.Memory.STORE)),
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
            bind(b.id(), own(b.id()));
            CL.clEnqueueWriteBuffer(device.queue(), memory[b.id()], CL_TRUE, 0, b.bytes(), Pointer.to(values[i]), 0, null, null);
        }
        for (OpenClProgram.Output o : program.outputs()) {
            if (o.known() == null) {
                bind(o.buffer(), own(o.buffer()));
            }
        }
        enqueueKernels();
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

    /**
     * Runs the graph on {@link OpenClArray}s of this device, enqueuing only: the kernels write an output straight
     * into its array where they can, else (an output that is an input or another output, or an array that is also
     * an input) it is computed in the graph's own buffer and copied on the device afterwards.
     */
    @Override
    public void run(List<? extends DeviceArray> inputs, List<? extends DeviceArray> outputs) {
        List<Integer> inputBuffers = program.inputs();
        List<OpenClProgram.Output> programOutputs = program.outputs();
        if (inputs.size() != inputBuffers.size() || outputs.size() != programOutputs.size()) {
            throw new DslException("run: " + inputs.size() + " inputs and " + outputs.size() + " outputs given for "
                    + inputBuffers.size() + " and " + programOutputs.size());
        }
        Object run = new Object(); // marks this run's input arrays (a graph may have hundreds: the weights)
        for (int i = 0; i < inputs.size(); i++) {
            OpenClProgram.Buffer b = program.buffers().get(inputBuffers.get(i));
            checkLength("input " + i, inputs.get(i), b.length());
            bind(b.id(), OpenClArray.memoryOn(device, inputs.get(i)));
            ((OpenClArray) inputs.get(i)).markInput(run);
        }
        // Outputs the kernels cannot write directly are copied after them: first every copy that reads an input
        // (a passed-through input goes through a staging buffer when its target is an input too), then every copy
        // into an input, so no input is overwritten before it is read.
        List<Copy> readingInputs = new ArrayList<>();
        List<Copy> intoInputs = new ArrayList<>();
        Set<Integer> claimed = new java.util.HashSet<>();
        for (int o = 0; o < outputs.size(); o++) {
            OpenClProgram.Output out = programOutputs.get(o);
            if (out.known() != null) { // written after the kernels, which may read the array
                checkLength("output " + o, outputs.get(o), out.known().length);
                continue;
            }
            int b = out.buffer();
            long bytes = program.buffers().get(b).bytes();
            checkLength("output " + o, outputs.get(o), program.buffers().get(b).length());
            cl_mem target = OpenClArray.memoryOn(device, outputs.get(o));
            boolean intoInput = ((OpenClArray) outputs.get(o)).isInputOf(run);
            if (isInput[b]) {
                if (bound[b] == target) {
                    continue;
                }
                if (intoInput) {
                    readingInputs.add(new Copy(bound[b], own(b), bytes));
                    intoInputs.add(new Copy(own(b), target, bytes));
                } else {
                    readingInputs.add(new Copy(bound[b], target, bytes));
                }
            } else if (claimed.contains(b)) { // a second output of one value: copied from where the first went
                if (bound[b] != target) {
                    (intoInput ? intoInputs : readingInputs).add(new Copy(bound[b], target, bytes));
                }
            } else if (intoInput) { // in place: writing it directly would race with the kernels' reads
                bind(b, own(b));
                claimed.add(b);
                intoInputs.add(new Copy(own(b), target, bytes));
            } else {
                bind(b, target);
                claimed.add(b);
            }
        }
        enqueueKernels();
        for (List<Copy> phase : List.of(readingInputs, intoInputs)) {
            device.countEnqueued(phase.size());
            for (Copy c : phase) {
                CL.clEnqueueCopyBuffer(device.queue(), c.from(), c.to(), 0, 0, c.bytes(), 0, null, null);
            }
        }
        for (int o = 0; o < outputs.size(); o++) {
            if (programOutputs.get(o).known() != null) {
                outputs.get(o).write(programOutputs.get(o).known());
            }
        }
    }

    /** A device-to-device copy after the kernels. */
    private record Copy(cl_mem from, cl_mem to, long bytes) {
    }

    private static void checkLength(String what, DeviceArray a, long expected) {
        if (a.length() != expected) {
            throw new DslException("run: " + what + " needs " + expected + " values, got an array of " + a.length());
        }
    }

    private void enqueueKernels() {
        device.countEnqueued(kernels.length);
        for (int i = 0; i < kernels.length; i++) {
            OpenClProgram.Launch launch = program.launches().get(i);
            CL.clEnqueueNDRangeKernel(device.queue(), kernels[i], 1, null, new long[] {launch.global()},
                    launch.local() > 0 ? new long[] {launch.local()} : null, 0, null, null);
        }
    }

    /** Device memory the graph holds now (tables, constants, stored values; inputs once run on host arrays). */
    public long deviceBytes() {
        long bytes = 0;
        for (int b = 0; b < memory.length; b++) {
            bytes += memory[b] == null ? 0 : Math.max(8, program.buffers().get(b).bytes());
        }
        return bytes;
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
            if (m != null) {
                CL.clReleaseMemObject(m);
            }
        }
        CL.clReleaseProgram(clProgram);
    }
}
