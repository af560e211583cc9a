package org.fthmc.run;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import org.fthmc.ConfigError;
import org.fthmc.field.LinkField;
import org.fthmc.io.AtomicFiles;
import org.fthmc.io.GaugeFile;

/**
 * Everything needed to continue a run bit-identically: the next trajectory index (thermalization included), the
 * current step count and the step tuner's bracket and window, how many rows the CSV logs held, and the field of every stream.
 * The RNG needs no state: every draw is keyed by (seed, stream, trajectory, site, purpose).
 * Written atomically (temp file, fsync, rename) with a CRC32 at the end.
 */
public record Checkpoint(long nextTrajectory, int steps, int tuneLow, int tuneHigh, double tuneSum, int tuneCount,
                         long measurementRows, long reversibilityRows, List<LinkField> fields) {
    private static final String MAGIC = "FTHMC-CHECKPOINT";
    private static final int VERSION = 1;

    public void write(Path path) throws IOException {
        AtomicFiles.write(path, raw -> {
            CRC32 crc = new CRC32();
            DataOutputStream out = new DataOutputStream(new CheckedOutputStream(new BufferedOutputStream(raw), crc));
            out.writeUTF(MAGIC);
            out.writeInt(VERSION);
            out.writeLong(nextTrajectory);
            out.writeInt(steps);
            out.writeInt(tuneLow);
            out.writeInt(tuneHigh);
            out.writeDouble(tuneSum);
            out.writeInt(tuneCount);
            out.writeLong(measurementRows);
            out.writeLong(reversibilityRows);
            out.writeInt(fields.size());
            for (LinkField f : fields) {
                GaugeFile.writeField(f, out);
            }
            out.flush();
            new DataOutputStream(raw).writeLong(crc.getValue());
        });
    }

    public static Checkpoint read(Path path) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(path))) {
            CRC32 crc = new CRC32();
            DataInputStream in = new DataInputStream(new CheckedInputStream(raw, crc));
            if (!MAGIC.equals(in.readUTF())) {
                throw new ConfigError(path + ": not an fthmc checkpoint");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new ConfigError(path + ": checkpoint version " + version + " is not supported (expected " + VERSION + ")");
            }
            long next = in.readLong();
            int steps = in.readInt();
            int tuneLow = in.readInt();
            int tuneHigh = in.readInt();
            double tuneSum = in.readDouble();
            int tuneCount = in.readInt();
            long rows = in.readLong();
            long revRows = in.readLong();
            int n = in.readInt();
            List<LinkField> fields = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                fields.add(GaugeFile.readField(in, path.toString()));
            }
            long expected = crc.getValue();
            if (new DataInputStream(raw).readLong() != expected) {
                throw new ConfigError(path + ": checkpoint checksum mismatch: the file is corrupted");
            }
            return new Checkpoint(next, steps, tuneLow, tuneHigh, tuneSum, tuneCount, rows, revRows, fields);
        } catch (EOFException e) {
            throw new ConfigError(path + ": checkpoint is truncated", e);
        } catch (IOException e) {
            throw new ConfigError(path + ": cannot read checkpoint: " + e.getMessage(), e);
        }
    }
}
