package org.fthmc.io;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import org.fthmc.ConfigError;
import org.fthmc.field.LinkField;
import org.fthmc.group.Groups;
import org.fthmc.group.LinkGroup;
import org.fthmc.lattice.Lattice;

/**
 * fthmc's native gauge-field format (ILDG and NERSC come with the SU(N) work). Big-endian:
 * <pre>
 *   8 bytes  magic "FTHMCGF1"
 *   UTF      group name (DataOutput.writeUTF)
 *   int      D, then D ints: the extents
 *   doubles  links × group.storage() values, link index = site·D + μ, site lexicographic with x_0 fastest
 *   long     CRC32 of everything before it
 * </pre>
 * Reading checks the magic, the group, the sizes, the length and the checksum; a bad file is refused whole.
 */
public final class GaugeFile {
    private static final byte[] MAGIC = "FTHMCGF1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private GaugeFile() {
    }

    public static void write(LinkField u, Path path) throws IOException {
        AtomicFiles.write(path, out -> write(u, out));
    }

    public static void write(LinkField u, OutputStream raw) throws IOException {
        CRC32 crc = new CRC32();
        DataOutputStream out = new DataOutputStream(new CheckedOutputStream(new BufferedOutputStream(raw), crc));
        writeField(u, out);
        out.flush();
        new DataOutputStream(raw).writeLong(crc.getValue());
        raw.flush();
    }

    /** Writes magic, header and data (no checksum) to an open stream; used by checkpoints too. */
    public static void writeField(LinkField u, DataOutputStream out) throws IOException {
        out.write(MAGIC);
        out.writeUTF(u.group().name());
        Lattice lattice = u.lattice();
        out.writeInt(lattice.dimensions());
        for (int mu = 0; mu < lattice.dimensions(); mu++) {
            out.writeInt(lattice.extent(mu));
        }
        for (double x : u.data()) {
            out.writeDouble(x);
        }
    }

    public static LinkField read(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new ConfigError(path + ": not a gauge file (missing or not a regular file)");
        }
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(path))) {
            CRC32 crc = new CRC32();
            DataInputStream in = new DataInputStream(new CheckedInputStream(raw, crc));
            LinkField u = readField(in, path.toString());
            long expected = crc.getValue();
            long stored = new DataInputStream(raw).readLong();
            if (stored != expected) {
                throw new ConfigError(path + ": checksum mismatch (stored " + Long.toHexString(stored) + ", computed "
                        + Long.toHexString(expected) + "): the file is corrupted");
            }
            if (raw.read() != -1) {
                throw new ConfigError(path + ": trailing bytes after the checksum: not a valid gauge file");
            }
            return u;
        } catch (EOFException e) {
            throw new ConfigError(path + ": file is truncated", e);
        } catch (IOException e) {
            throw new ConfigError(path + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Reads magic, header and data written by {@link #writeField}; {@code where} names the source in errors. */
    public static LinkField readField(DataInputStream in, String where) throws IOException {
        byte[] magic = new byte[MAGIC.length];
        in.readFully(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new ConfigError(where + ": not an fthmc gauge file (bad magic)");
        }
        String groupName = in.readUTF();
        LinkGroup group = Groups.byName(groupName)
                .orElseThrow(() -> new ConfigError(where + ": unknown gauge group '" + groupName + "'"));
        int d = in.readInt();
        if (d < 2 || d > 16) {
            throw new ConfigError(where + ": implausible number of dimensions " + d);
        }
        int[] dims = new int[d];
        long volume = 1;
        for (int mu = 0; mu < d; mu++) {
            dims[mu] = in.readInt();
            if (dims[mu] < 1 || dims[mu] > 1 << 16) {
                throw new ConfigError(where + ": implausible extent " + dims[mu] + " in direction " + mu);
            }
            volume *= dims[mu];
        }
        if (volume * d * group.storage() > Integer.MAX_VALUE / 8) {
            throw new ConfigError(where + ": lattice " + Arrays.toString(dims) + " too large");
        }
        LinkField u = new LinkField(new Lattice(dims), group);
        double[] data = u.data();
        for (int i = 0; i < data.length; i++) {
            data[i] = in.readDouble();
        }
        return u;
    }
}
