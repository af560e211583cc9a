package org.fthmc.gpu;

import static org.jocl.CL.CL_MEM_READ_WRITE;
import static org.jocl.CL.CL_TRUE;

import org.fthmc.dsl.DeviceArray;
import org.fthmc.dsl.DslException;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.cl_mem;

/**
 * An array of doubles in an OpenCL device's memory, zeroed when made: what {@link OpenClGraph}s read and write when
 * runs are chained on the device. Reads and writes go through the device's in-order queue and block, so a read sees
 * every run enqueued before it.
 */
public final class OpenClArray implements DeviceArray, AutoCloseable {
    private final OpenClDevice device;
    private final cl_mem memory;
    private final int length;
    /** The graph run that last bound the array as an input (see {@link #markInput}). */
    private Object inputOf;

    public OpenClArray(OpenClDevice device, int length) {
        this.device = device;
        this.length = length;
        this.memory = CL.clCreateBuffer(device.context(), CL_MEM_READ_WRITE, Math.max(8, 8L * length), null, null);
        if (length > 0) {
            write(new double[length]);
        }
    }

    /** The array's memory, checked to be on the given device. */
    static cl_mem memoryOn(OpenClDevice device, DeviceArray a) {
        if (a instanceof OpenClArray o && o.device == device) {
            return o.memory;
        }
        throw new DslException("run: an OpenCL graph on " + device.name() + " was given "
                + (a instanceof OpenClArray ? "an array of another device" : "a " + a.getClass().getSimpleName()));
    }

    /** Records that the array is an input of the run identified by {@code run}. */
    void markInput(Object run) {
        inputOf = run;
    }

    /** Whether the array is an input of the run identified by {@code run}. */
    boolean isInputOf(Object run) {
        return inputOf == run;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public void write(double[] from) {
        check(from);
        CL.clEnqueueWriteBuffer(device.queue(), memory, CL_TRUE, 0, 8L * length, Pointer.to(from), 0, null, null);
    }

    @Override
    public void read(double[] into) {
        check(into);
        CL.clEnqueueReadBuffer(device.queue(), memory, CL_TRUE, 0, 8L * length, Pointer.to(into), 0, null, null);
    }

    private void check(double[] host) {
        if (host.length != length) {
            throw new DslException("device array of " + length + " values given " + host.length);
        }
    }

    @Override
    public void close() {
        CL.clReleaseMemObject(memory);
    }
}
