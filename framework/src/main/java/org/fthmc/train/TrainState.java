package org.fthmc.train;

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
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import org.fthmc.ConfigError;
import org.fthmc.io.AtomicFiles;

/**
 * A training checkpoint, written atomically with a CRC32: magic "FTHMCTS1", the next step, the rows of train.csv it
 * covers, then for every weight tensor its values and Adam's two moments (length-prefixed doubles). Resuming from it
 * continues bit-identically.
 */
record TrainState(long step, long csvRows, List<double[]> weights, List<double[]> firstMoments, List<double[]> secondMoments) {
    private static final byte[] MAGIC = "FTHMCTS1".getBytes(StandardCharsets.US_ASCII);

    void write(Path path) throws IOException {
        AtomicFiles.write(path, raw -> {
            CRC32 crc = new CRC32();
            DataOutputStream out = new DataOutputStream(new CheckedOutputStream(new BufferedOutputStream(raw), crc));
            out.write(MAGIC);
            out.writeLong(step);
            out.writeLong(csvRows);
            out.writeInt(weights.size());
            for (List<double[]> arrays : List.of(weights, firstMoments, secondMoments)) {
                for (double[] a : arrays) {
                    out.writeInt(a.length);
                    for (double x : a) {
                        out.writeDouble(x);
                    }
                }
            }
            out.flush();
            new DataOutputStream(raw).writeLong(crc.getValue());
            raw.flush();
        });
    }

    /** Reads a state whose tensors have the given sizes (those of the transform's weights). */
    static TrainState read(Path path, int[] sizes) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(path))) {
            CRC32 crc = new CRC32();
            DataInputStream in = new DataInputStream(new CheckedInputStream(raw, crc));
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new ConfigError(path + ": not an fthmc training checkpoint (bad magic)");
            }
            long step = in.readLong();
            long rows = in.readLong();
            if (in.readInt() != sizes.length) {
                throw new ConfigError(path + ": its weights do not match the transform's");
            }
            List<List<double[]>> parts = new java.util.ArrayList<>();
            for (int part = 0; part < 3; part++) {
                List<double[]> arrays = new java.util.ArrayList<>();
                for (int size : sizes) {
                    if (in.readInt() != size) {
                        throw new ConfigError(path + ": its weights do not match the transform's");
                    }
                    double[] a = new double[size];
                    for (int k = 0; k < size; k++) {
                        a[k] = in.readDouble();
                    }
                    arrays.add(a);
                }
                parts.add(arrays);
            }
            if (new DataInputStream(raw).readLong() != crc.getValue()) {
                throw new ConfigError(path + ": checksum mismatch: the checkpoint is corrupted");
            }
            return new TrainState(step, rows, parts.get(0), parts.get(1), parts.get(2));
        } catch (EOFException e) {
            throw new ConfigError(path + ": training checkpoint is truncated", e);
        } catch (IOException e) {
            throw new ConfigError(path + ": cannot read: " + e.getMessage(), e);
        }
    }
}
