package org.fthmc.gpu;

import static org.jocl.CL.CL_CONTEXT_PLATFORM;
import static org.jocl.CL.CL_DEVICE_DOUBLE_FP_CONFIG;
import static org.jocl.CL.CL_DEVICE_NAME;
import static org.jocl.CL.CL_DEVICE_TYPE;
import static org.jocl.CL.CL_DEVICE_TYPE_ALL;
import static org.jocl.CL.CL_DEVICE_TYPE_GPU;
import static org.jocl.CL.CL_PLATFORM_NAME;

import java.util.ArrayList;
import java.util.List;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;
import org.jocl.cl_queue_properties;

/**
 * An OpenCL device with double precision, its context and an in-order command queue. {@link #open()} picks the
 * device named by the environment variable {@value #DEVICE_VARIABLE} (an index into {@link #list()}), else the first
 * GPU, else the first device with doubles; it fails with {@link Unavailable} (a message saying why) where there is
 * no OpenCL library, no platform or no such device.
 */
public final class OpenClDevice implements AutoCloseable {
    /** Selects the device by its index in {@link #list()}. */
    public static final String DEVICE_VARIABLE = "FTHMC_OPENCL_DEVICE";

    private final cl_device_id device;
    private final cl_context context;
    private final cl_command_queue queue;
    private final String name;
    private final java.util.concurrent.atomic.AtomicLong enqueued = new java.util.concurrent.atomic.AtomicLong();

    private OpenClDevice(Candidate c) {
        this.device = c.device;
        this.name = c.name;
        cl_context_properties properties = new cl_context_properties();
        properties.addProperty(CL_CONTEXT_PLATFORM, c.platform);
        this.context = CL.clCreateContext(properties, 1, new cl_device_id[] {device}, null, null, null);
        this.queue = CL.clCreateCommandQueueWithProperties(context, device, new cl_queue_properties(), null);
    }

    /** OpenCL is not usable here: the message says why (no library, no platform, no device with doubles). */
    public static final class Unavailable extends RuntimeException {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private record Candidate(cl_platform_id platform, cl_device_id device, String name, boolean gpu, boolean doubles) {
    }

    /** "platform: device" for every device of every platform, in the order {@value #DEVICE_VARIABLE} counts them. */
    public static List<String> list() {
        return candidates().stream().map(Candidate::name).toList();
    }

    /** Opens the selected device (see the class comment). */
    public static OpenClDevice open() {
        return open(-1);
    }

    /** Opens device number {@code index} of {@link #list()}; −1 selects as the class comment says. */
    public static OpenClDevice open(int index) {
        List<Candidate> all = candidates();
        String chosen = System.getenv(DEVICE_VARIABLE);
        String named = "device " + index;
        if (index < 0 && chosen != null && !chosen.isBlank()) {
            named = DEVICE_VARIABLE + "=" + chosen;
            try {
                index = Integer.parseInt(chosen.trim());
            } catch (NumberFormatException e) {
                throw new Unavailable(named + " is not a device index (0.." + (all.size() - 1) + ")", e);
            }
        }
        if (index >= 0) {
            if (index >= all.size()) {
                throw new Unavailable(named + ": there are " + all.size() + " OpenCL devices " + list(), null);
            }
            if (!all.get(index).doubles) {
                throw new Unavailable("OpenCL device " + all.get(index).name + " has no double precision", null);
            }
            return new OpenClDevice(all.get(index));
        }
        return new OpenClDevice(all.stream().filter(c -> c.doubles && c.gpu).findFirst()
                .or(() -> all.stream().filter(Candidate::doubles).findFirst())
                .orElseThrow(() -> new Unavailable("no OpenCL device with double precision among " + list(), null)));
    }

    private static List<Candidate> candidates() {
        try {
            CL.setExceptionsEnabled(true);
            int[] count = new int[1];
            CL.clGetPlatformIDs(0, null, count);
            cl_platform_id[] platforms = new cl_platform_id[count[0]];
            CL.clGetPlatformIDs(platforms.length, platforms, null);
            List<Candidate> result = new ArrayList<>();
            for (cl_platform_id p : platforms) {
                CL.clGetDeviceIDs(p, CL_DEVICE_TYPE_ALL, 0, null, count);
                cl_device_id[] devices = new cl_device_id[count[0]];
                CL.clGetDeviceIDs(p, CL_DEVICE_TYPE_ALL, devices.length, devices, null);
                for (cl_device_id d : devices) {
                    long[] type = new long[1];
                    CL.clGetDeviceInfo(d, CL_DEVICE_TYPE, Sizeof.cl_long, Pointer.to(type), null);
                    long[] fp64 = new long[1];
                    CL.clGetDeviceInfo(d, CL_DEVICE_DOUBLE_FP_CONFIG, Sizeof.cl_long, Pointer.to(fp64), null);
                    result.add(new Candidate(p, d, info(p, null, CL_PLATFORM_NAME) + ": " + info(null, d, CL_DEVICE_NAME),
                            (type[0] & CL_DEVICE_TYPE_GPU) != 0, fp64[0] != 0));
                }
            }
            if (result.isEmpty()) {
                throw new Unavailable("no OpenCL platform or device is installed", null);
            }
            return result;
        } catch (LinkageError | org.jocl.CLException e) {
            throw new Unavailable("OpenCL is not available: " + e.getMessage(), e);
        }
    }

    private static String info(cl_platform_id p, cl_device_id d, int what) {
        long[] size = new long[1];
        if (p != null) {
            CL.clGetPlatformInfo(p, what, 0, null, size);
        } else {
            CL.clGetDeviceInfo(d, what, 0, null, size);
        }
        byte[] bytes = new byte[(int) size[0]];
        if (p != null) {
            CL.clGetPlatformInfo(p, what, bytes.length, Pointer.to(bytes), null);
        } else {
            CL.clGetDeviceInfo(d, what, bytes.length, Pointer.to(bytes), null);
        }
        return new String(bytes, 0, Math.max(0, bytes.length - 1), java.nio.charset.StandardCharsets.US_ASCII).trim();
    }

    /** "platform: device". */
    public String name() {
        return name;
    }

    cl_device_id device() {
        return device;
    }

    cl_context context() {
        return context;
    }

    /** Counts operations enqueued by this package's graphs (kernel launches, device-to-device copies). */
    void countEnqueued(int operations) {
        enqueued.addAndGet(operations);
    }

    /** Kernel launches and device-to-device copies enqueued on this device so far. */
    public long enqueued() {
        return enqueued.get();
    }

    cl_command_queue queue() {
        return queue;
    }

    @Override
    public void close() {
        CL.clReleaseCommandQueue(queue);
        CL.clReleaseContext(context);
    }
}
