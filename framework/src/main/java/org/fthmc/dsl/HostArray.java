package org.fthmc.dsl;

/** A {@link DeviceArray} on the Java heap: what the CPU executor's graphs read and write directly. */
public record HostArray(double[] data) implements DeviceArray {
    @Override
    public int length() {
        return data.length;
    }

    @Override
    public void write(double[] from) {
        check(from);
        System.arraycopy(from, 0, data, 0, data.length);
    }

    @Override
    public void read(double[] into) {
        check(into);
        System.arraycopy(data, 0, into, 0, data.length);
    }

    private void check(double[] host) {
        if (host.length != data.length) {
            throw new DslException("device array of " + data.length + " values given " + host.length);
        }
    }
}
