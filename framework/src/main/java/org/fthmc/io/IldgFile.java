package org.fthmc.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import org.fthmc.ConfigError;
import org.fthmc.field.LinkField;
import org.fthmc.group.SUN;
import org.fthmc.lattice.Lattice;

/**
 * ILDG gauge files: LIME records (144-byte headers: magic 0x456789ab, version, flags, length, type; data padded to
 * 8 bytes). Read: the binary data of an {@code ildg-binary-data} record (lattice and precision from
 * {@code ildg-format}) or of a SciDAC {@code scidac-binary-data} record (from the SciDAC private XML records, as QUDA
 * writes them); big-endian 3×3 complex matrices, site by site (x fastest), 4 directions per site. A
 * {@code scidac-checksum} record, when present, is verified (per-site CRC32 rotated by rank mod 29 and 31, XORed).
 * Write: ildg-format, ildg-binary-data (64-bit) and scidac-checksum.
 */
public final class IldgFile {
    private static final int MAGIC = 0x456789ab;
    private static final int HEADER = 144;
    private static final int LINK_DOUBLES = 18;

    private IldgFile() {
    }

    /** True when the file starts with a LIME record header. */
    public static boolean recognises(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] head = in.readNBytes(4);
            return head.length == 4 && ByteBuffer.wrap(head).getInt() == MAGIC;
        } catch (IOException e) {
            return false;
        }
    }

    /** The records of a LIME file, by type (first occurrence). */
    static Map<String, byte[]> records(byte[] bytes, Path path) {
        Map<String, byte[]> records = new LinkedHashMap<>();
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
        int pos = 0;
        while (pos < bytes.length) {
            if (bytes.length - pos < HEADER) {
                throw new ConfigError(path + ": truncated LIME record header at byte " + pos);
            }
            if (b.getInt(pos) != MAGIC) {
                throw new ConfigError(path + ": bad LIME magic at byte " + pos + ": not an ILDG/LIME file or corrupted");
            }
            long length = b.getLong(pos + 8);
            String type = new String(bytes, pos + 16, 128, StandardCharsets.US_ASCII).replaceAll("\u0000.*", "").trim();
            long start = pos + HEADER;
            if (length < 0 || start + length > bytes.length) {
                throw new ConfigError(path + ": record '" + type + "' is truncated (" + length + " bytes announced)");
            }
            records.putIfAbsent(type, java.util.Arrays.copyOfRange(bytes, (int) start, (int) (start + length)));
            pos = (int) (start + ((length + 7) / 8) * 8);
        }
        return records;
    }

    public static LinkField read(Path path) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new ConfigError(path + ": cannot read: " + e.getMessage(), e);
        }
        Map<String, byte[]> records = records(bytes, path);
        int[] dims;
        int width;
        byte[] data;
        if (records.containsKey("ildg-binary-data")) {
            String format = text(records, "ildg-format", path);
            String field = tag(format, "field", path);
            if (!field.equals("su3gauge")) {
                throw new ConfigError(path + ": ildg-format field '" + field + "' is not supported (su3gauge)");
            }
            dims = new int[] {integer(format, "lx", path), integer(format, "ly", path), integer(format, "lz", path),
                    integer(format, "lt", path)};
            width = integer(format, "precision", path) / 8;
            data = records.get("ildg-binary-data");
        } else if (records.containsKey("scidac-binary-data")) {
            String file = text(records, "scidac-private-file-xml", path);
            String record = text(records, "scidac-private-record-xml", path);
            String[] d = tag(file, "dims", path).trim().split("\\s+");
            if (d.length != 4) {
                throw new ConfigError(path + ": scidac dims '" + tag(file, "dims", path) + "' is not a 4D lattice");
            }
            dims = new int[4];
            for (int mu = 0; mu < 4; mu++) {
                dims[mu] = Integer.parseInt(d[mu]);
            }
            width = tag(record, "precision", path).equals("D") ? 8 : 4;
            data = records.get("scidac-binary-data");
        } else {
            throw new ConfigError(path + ": no ildg-binary-data or scidac-binary-data record");
        }
        if (width != 4 && width != 8) {
            throw new ConfigError(path + ": precision " + 8 * width + " is not supported (32 or 64)");
        }
        Lattice lattice = new Lattice(dims);
        long expected = (long) lattice.links() * LINK_DOUBLES * width;
        if (data.length != expected) {
            throw new ConfigError(path + ": binary data has " + data.length + " bytes, " + expected + " expected for "
                    + lattice + " at " + 8 * width + " bits");
        }
        if (records.containsKey("scidac-checksum")) {
            String xml = text(records, "scidac-checksum", path);
            long[] stated = {Long.parseLong(tag(xml, "suma", path), 16), Long.parseLong(tag(xml, "sumb", path), 16)};
            long[] computed = checksum(data, lattice.volume());
            if (stated[0] != computed[0] || stated[1] != computed[1]) {
                throw new ConfigError(path + ": SciDAC checksum mismatch (file " + Long.toHexString(stated[0]) + " "
                        + Long.toHexString(stated[1]) + ", data " + Long.toHexString(computed[0]) + " "
                        + Long.toHexString(computed[1]) + "): the file is corrupted");
            }
        }
        LinkField u = new LinkField(lattice, SUN.of(3));
        ByteBuffer values = ByteBuffer.wrap(data).order(ByteOrder.BIG_ENDIAN);
        double[] links = u.data();
        for (int i = 0; i < links.length; i++) {
            links[i] = width == 8 ? values.getDouble() : values.getFloat();
        }
        return u;
    }

    /** SciDAC's (suma, sumb): per site, CRC32 of its bytes rotated left by rank mod 29 (mod 31), XORed over sites. */
    static long[] checksum(byte[] data, int sites) {
        int perSite = data.length / sites;
        long suma = 0;
        long sumb = 0;
        CRC32 crc = new CRC32();
        for (int r = 0; r < sites; r++) {
            crc.reset();
            crc.update(data, r * perSite, perSite);
            int c = (int) crc.getValue();
            suma ^= Integer.toUnsignedLong(Integer.rotateLeft(c, r % 29));
            sumb ^= Integer.toUnsignedLong(Integer.rotateLeft(c, r % 31));
        }
        return new long[] {suma, sumb};
    }

    /** Writes a 4D SU(3) field as ILDG (64-bit) with a SciDAC checksum, atomically. */
    public static void write(LinkField u, Path path) throws IOException {
        if (!(u.group() instanceof SUN g) || g.n() != 3 || u.lattice().dimensions() != 4) {
            throw new ConfigError(path + ": ILDG files hold 4D SU(3) fields, this is " + u.group().name() + " on " + u.lattice());
        }
        Lattice l = u.lattice();
        ByteBuffer data = ByteBuffer.allocate(u.data().length * 8).order(ByteOrder.BIG_ENDIAN);
        for (double v : u.data()) {
            data.putDouble(v);
        }
        long[] sums = checksum(data.array(), l.volume());
        String format = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ildgFormat xmlns=\"http://www.lqcd.org/ildg\">"
                + "<version>1.0</version><field>su3gauge</field><precision>64</precision>"
                + "<lx>" + l.extent(0) + "</lx><ly>" + l.extent(1) + "</ly><lz>" + l.extent(2) + "</lz><lt>" + l.extent(3)
                + "</lt></ildgFormat>";
        String checksum = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<scidacChecksum><version>1.0</version><suma>"
                + Long.toHexString(sums[0]) + "</suma><sumb>" + Long.toHexString(sums[1]) + "</sumb></scidacChecksum>";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        record(out, "ildg-format", format.getBytes(StandardCharsets.UTF_8));
        record(out, "ildg-binary-data", data.array());
        record(out, "scidac-checksum", checksum.getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(path, o -> out.writeTo(o));
    }

    /** One LIME record (message begin and end flags set, as single-record messages). */
    private static void record(ByteArrayOutputStream out, String type, byte[] body) {
        ByteBuffer h = ByteBuffer.allocate(HEADER).order(ByteOrder.BIG_ENDIAN);
        h.putInt(MAGIC).putShort((short) 1).putShort((short) 0xC000).putLong(body.length);
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        h.put(name);
        out.writeBytes(h.array());
        out.writeBytes(body);
        out.writeBytes(new byte[(8 - body.length % 8) % 8]);
    }

    private static String text(Map<String, byte[]> records, String type, Path path) {
        byte[] r = records.get(type);
        if (r == null) {
            throw new ConfigError(path + ": no '" + type + "' record");
        }
        return new String(r, StandardCharsets.UTF_8);
    }

    private static String tag(String xml, String tag, Path path) {
        Matcher m = Pattern.compile("<" + tag + ">([^<]*)</" + tag + ">").matcher(xml);
        if (!m.find()) {
            throw new ConfigError(path + ": no <" + tag + "> in the XML record");
        }
        return m.group(1).trim();
    }

    private static int integer(String xml, String tag, Path path) {
        String v = tag(xml, tag, path);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new ConfigError(path + ": <" + tag + "> is not an integer: " + v);
        }
    }
}
