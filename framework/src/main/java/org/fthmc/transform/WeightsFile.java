package org.fthmc.transform;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import org.fthmc.ConfigError;
import org.fthmc.io.AtomicFiles;
import org.fthmc.spi.Weights;

/**
 * The weights file format ({@code .fthmcw}), big-endian:
 * <pre>
 *   8 bytes  magic "FTHMCWT1"
 *   int      format version (1)
 *   int      number of tensors T
 *   T times: UTF name, int rank r, r ints (the shape), product-of-shape doubles (row-major)
 *   long     CRC32 of everything before it
 * </pre>
 * Loading into a transform's {@link Weights} requires the same names, order and shapes; a wrong, truncated or
 * corrupted file is refused whole with a message naming the file and what is wrong, and the weights are left as
 * they were. Files are written atomically.
 */
public final class WeightsFile {
    private static final byte[] MAGIC = "FTHMCWT1".getBytes(StandardCharsets.US_ASCII);
    public static final int VERSION = 1;

    private WeightsFile() {
    }

    public static void write(Weights weights, Path path) throws IOException {
        AtomicFiles.write(path, raw -> {
            CRC32 crc = new CRC32();
            DataOutputStream out = new DataOutputStream(new CheckedOutputStream(new BufferedOutputStream(raw), crc));
            out.write(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(weights.tensors().size());
            for (Weights.Tensor t : weights.tensors()) {
                out.writeUTF(t.name());
                out.writeInt(t.shape().length);
                for (int s : t.shape()) {
                    out.writeInt(s);
                }
                for (double x : t.values()) {
                    out.writeDouble(x);
                }
            }
            out.flush();
            new DataOutputStream(raw).writeLong(crc.getValue());
            raw.flush();
        });
    }

    /** Reads the file into {@code weights} (all or nothing). */
    public static void read(Path path, Weights weights) {
        if (!Files.isRegularFile(path)) {
            throw new ConfigError(path + ": weights file not found (or not a regular file)");
        }
        double[][] loaded = new double[weights.tensors().size()][];
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(path))) {
            CRC32 crc = new CRC32();
            DataInputStream in = new DataInputStream(new CheckedInputStream(raw, crc));
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new ConfigError(path + ": not an fthmc weights file (bad magic)");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new ConfigError(path + ": weights format version " + version + ", this fthmc reads version " + VERSION);
            }
            int count = in.readInt();
            if (count != weights.tensors().size()) {
                throw new ConfigError(path + ": holds " + count + " weight tensors, the transform has " + weights.tensors().size());
            }
            for (int i = 0; i < count; i++) {
                Weights.Tensor expected = weights.tensors().get(i);
                String name = in.readUTF();
                int rank = in.readInt();
                if (rank < 0 || rank > 8) {
                    throw new ConfigError(path + ": tensor '" + name + "' has an implausible rank " + rank);
                }
                int[] shape = new int[rank];
                for (int r = 0; r < rank; r++) {
                    shape[r] = in.readInt();
                }
                if (!name.equals(expected.name()) || !Arrays.equals(shape, expected.shape())) {
                    throw new ConfigError(path + ": tensor " + i + " is '" + name + "' " + Arrays.toString(shape) + ", the transform expects '"
                            + expected.name() + "' " + Arrays.toString(expected.shape()));
                }
                loaded[i] = new double[expected.size()];
                for (int k = 0; k < loaded[i].length; k++) {
                    loaded[i][k] = in.readDouble();
                }
            }
            long computed = crc.getValue();
            long stored = new DataInputStream(raw).readLong();
            if (stored != computed) {
                throw new ConfigError(path + ": checksum mismatch (stored " + Long.toHexString(stored) + ", computed "
                        + Long.toHexString(computed) + "): the file is corrupted");
            }
            for (int i = 0; i < count; i++) {
                for (int k = 0; k < loaded[i].length; k++) {
                    if (!Double.isFinite(loaded[i][k])) {
                        throw new ConfigError(path + ": tensor '" + weights.tensors().get(i).name() + "' holds " + loaded[i][k]
                                + " at element " + k + ": weights must be finite");
                    }
                }
            }
            if (raw.read() != -1) {
                throw new ConfigError(path + ": trailing bytes after the checksum: not a valid weights file");
            }
        } catch (EOFException e) {
            throw new ConfigError(path + ": weights file is truncated", e);
        } catch (IOException e) {
            throw new ConfigError(path + ": cannot read: " + e.getMessage(), e);
        }
        for (int i = 0; i < loaded.length; i++) {
            System.arraycopy(loaded[i], 0, weights.tensors().get(i).values(), 0, loaded[i].length);
        }
    }
}
