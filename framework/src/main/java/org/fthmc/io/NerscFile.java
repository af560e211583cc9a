package org.fthmc.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.fthmc.ConfigError;
import org.fthmc.field.LinkField;
import org.fthmc.group.SUN;
import org.fthmc.lattice.Lattice;
import org.fthmc.gauge.SunLoops;
import org.fthmc.parallel.SiteLoops;

/**
 * NERSC gauge files (4D SU(3)): an ASCII header between BEGIN_HEADER and END_HEADER, then the links, site by site
 * (x fastest, t slowest), direction by direction, each a 3×3 complex matrix row-major — all three rows
 * ({@code 4D_SU3_GAUGE_3x3}) or the first two ({@code 4D_SU3_GAUGE}, the third is conj(row1 × row2)) — as
 * IEEE32/64, big or little endian ({@code FLOATING_POINT}). The checksum is the sum of the data's 32-bit words as
 * stored, modulo 2³². Reading verifies the size, the checksum, and the header's LINK_TRACE and PLAQUETTE
 * ((1/3) Re tr averages); any mismatch refuses the whole file. Writing uses 3x3 IEEE64BIG.
 */
public final class NerscFile {
    private static final String BEGIN = "BEGIN_HEADER";
    private static final String END = "END_HEADER";

    private NerscFile() {
    }

    /** True when the file starts like a NERSC header. */
    public static boolean recognises(Path path) {
        try (var in = Files.newInputStream(path)) {
            byte[] head = in.readNBytes(BEGIN.length());
            return new String(head, StandardCharsets.US_ASCII).equals(BEGIN);
        } catch (IOException e) {
            return false;
        }
    }

    public static LinkField read(Path path, SiteLoops loops) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new ConfigError(path + ": cannot read: " + e.getMessage(), e);
        }
        String text = new String(bytes, 0, Math.min(bytes.length, 1 << 16), StandardCharsets.ISO_8859_1);
        int end = text.indexOf(END);
        if (!text.startsWith(BEGIN) || end < 0) {
            throw new ConfigError(path + ": not a NERSC file (no " + BEGIN + " ... " + END + " header)");
        }
        int dataStart = text.indexOf('\n', end) + 1;
        Map<String, String> header = new LinkedHashMap<>();
        for (String line : text.substring(BEGIN.length(), end).split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                header.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
            }
        }
        String type = required(header, "DATATYPE", path);
        int rows = switch (type) {
            case "4D_SU3_GAUGE" -> 2;
            case "4D_SU3_GAUGE_3x3" -> 3;
            default -> throw new ConfigError(path + ": DATATYPE " + type + " is not supported (4D_SU3_GAUGE or 4D_SU3_GAUGE_3x3)");
        };
        String fp = header.getOrDefault("FLOATING_POINT", "IEEE32BIG");
        int width = fp.startsWith("IEEE64") ? 8 : fp.startsWith("IEEE32") ? 4 : -1;
        if (width < 0) {
            throw new ConfigError(path + ": FLOATING_POINT " + fp + " is not supported");
        }
        ByteOrder order = fp.endsWith("LITTLE") ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        int[] dims = new int[4];
        for (int mu = 0; mu < 4; mu++) {
            String key = "DIMENSION_" + (mu + 1);
            try {
                dims[mu] = Integer.parseInt(required(header, key, path));
            } catch (NumberFormatException e) {
                throw new ConfigError(path + ": " + key + " is not an integer: " + header.get(key));
            }
            if (dims[mu] < 1 || dims[mu] > 4096) {
                throw new ConfigError(path + ": implausible " + key + " = " + dims[mu]);
            }
        }
        Lattice lattice = new Lattice(dims);
        long expected = (long) lattice.links() * rows * 6 * width;
        long actual = bytes.length - dataStart;
        if (actual < expected) {
            throw new ConfigError(path + ": truncated: " + actual + " bytes of data, " + expected + " expected for " + type
                    + " " + fp + " on " + lattice);
        }
        if (actual > expected) {
            throw new ConfigError(path + ": " + (actual - expected) + " bytes beyond the " + expected + " bytes of data");
        }
        ByteBuffer data = ByteBuffer.wrap(bytes, dataStart, (int) expected).slice().order(ByteOrder.BIG_ENDIAN);
        long sum = 0;
        while (data.hasRemaining()) {
            sum += Integer.toUnsignedLong(data.getInt());
        }
        long checksum = Long.parseLong(required(header, "CHECKSUM", path).toLowerCase(Locale.ROOT), 16);
        if ((sum & 0xFFFFFFFFL) != checksum) {
            throw new ConfigError(path + ": checksum mismatch (header " + Long.toHexString(checksum) + ", data "
                    + Long.toHexString(sum & 0xFFFFFFFFL) + "): the file is corrupted");
        }
        SUN su3 = SUN.of(3);
        LinkField u = new LinkField(lattice, su3);
        double[] links = u.data();
        ByteBuffer values = ByteBuffer.wrap(bytes, dataStart, (int) expected).slice().order(order);
        for (int l = 0; l < lattice.links(); l++) {
            int o = l * 18;
            for (int k = 0; k < rows * 6; k++) {
                links[o + k] = width == 8 ? values.getDouble() : values.getFloat();
            }
            if (rows == 2) {
                thirdRow(links, o);
            }
        }
        check(header, "LINK_TRACE", SunLoops.averageLinkTrace(u), width, path);
        check(header, "PLAQUETTE", SunLoops.averagePlaquette(u, loops), width, path);
        return u;
    }

    /** Row 3 = conj(row 1 × row 2), the unitary completion of two rows. */
    private static void thirdRow(double[] m, int o) {
        for (int j = 0; j < 3; j++) {
            int a = (j + 1) % 3;
            int b = (j + 2) % 3;
            double re = m[o + 2 * a] * m[o + 6 + 2 * b] - m[o + 2 * a + 1] * m[o + 6 + 2 * b + 1]
                    - (m[o + 2 * b] * m[o + 6 + 2 * a] - m[o + 2 * b + 1] * m[o + 6 + 2 * a + 1]);
            double im = m[o + 2 * a] * m[o + 6 + 2 * b + 1] + m[o + 2 * a + 1] * m[o + 6 + 2 * b]
                    - (m[o + 2 * b] * m[o + 6 + 2 * a + 1] + m[o + 2 * b + 1] * m[o + 6 + 2 * a]);
            m[o + 12 + 2 * j] = re;
            m[o + 12 + 2 * j + 1] = -im;
        }
    }

    /** A header value against the one computed from the data: 1e-6 for single-precision files, 1e-9 for double. */
    private static void check(Map<String, String> header, String key, double computed, int width, Path path) {
        String value = header.get(key);
        if (value == null) {
            return;
        }
        double stated;
        try {
            stated = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new ConfigError(path + ": " + key + " is not a number: " + value);
        }
        double tolerance = width == 8 ? 1e-9 : 1e-6;
        if (Math.abs(stated - computed) > tolerance) {
            throw new ConfigError(path + ": " + key + " in the header is " + value + ", the data give " + computed);
        }
    }

    private static String required(Map<String, String> header, String key, Path path) {
        String v = header.get(key);
        if (v == null) {
            throw new ConfigError(path + ": NERSC header has no " + key);
        }
        return v;
    }

    /** Writes a 4D SU(3) field as 4D_SU3_GAUGE_3x3, IEEE64BIG, atomically. */
    public static void write(LinkField u, Path path, SiteLoops loops) throws IOException {
        if (!(u.group() instanceof SUN g) || g.n() != 3 || u.lattice().dimensions() != 4) {
            throw new ConfigError(path + ": NERSC files hold 4D SU(3) fields, this is " + u.group().name() + " on " + u.lattice());
        }
        ByteBuffer data = ByteBuffer.allocate(u.data().length * 8).order(ByteOrder.BIG_ENDIAN);
        for (double v : u.data()) {
            data.putDouble(v);
        }
        data.flip();
        long sum = 0;
        while (data.hasRemaining()) {
            sum += Integer.toUnsignedLong(data.getInt());
        }
        Lattice l = u.lattice();
        String header = BEGIN + "\n"
                + "HDR_VERSION = 1.0\n"
                + "DATATYPE = 4D_SU3_GAUGE_3x3\n"
                + "STORAGE_FORMAT = 1.0\n"
                + String.format(Locale.ROOT, "DIMENSION_1 = %d%nDIMENSION_2 = %d%nDIMENSION_3 = %d%nDIMENSION_4 = %d%n",
                        l.extent(0), l.extent(1), l.extent(2), l.extent(3))
                + String.format(Locale.ROOT, "LINK_TRACE = %.15g%nPLAQUETTE = %.15g%n", SunLoops.averageLinkTrace(u),
                        SunLoops.averagePlaquette(u, loops))
                + "CHECKSUM = " + Long.toHexString(sum & 0xFFFFFFFFL) + "\n"
                + "FLOATING_POINT = IEEE64BIG\n"
                + "CREATOR = fthmc\n"
                + END + "\n";
        AtomicFiles.write(path, out -> {
            out.write(header.getBytes(StandardCharsets.US_ASCII));
            out.write(data.array());
        });
    }
}
