package org.fthmc.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.fthmc.ConfigError;
import org.fthmc.field.LinkField;
import org.fthmc.group.U1;
import org.fthmc.lattice.Lattice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GaugeFileTest {
    @TempDir
    Path dir;

    private LinkField field() {
        return LinkField.hot(new Lattice(4, 6), U1.INSTANCE, 3, 1);
    }

    @Test
    void roundTripIsBitExact() throws IOException {
        LinkField u = field();
        Path f = dir.resolve("a.fthmc");
        GaugeFile.write(u, f);
        LinkField v = GaugeFile.read(f);
        assertArrayEquals(u.lattice().extents(), v.lattice().extents());
        assertTrue(u.sameBits(v));
    }

    @Test
    void corruptedTruncatedAndForeignFilesAreRefused() throws IOException {
        Path f = dir.resolve("a.fthmc");
        GaugeFile.write(field(), f);
        byte[] bytes = Files.readAllBytes(f);

        byte[] flipped = bytes.clone();
        flipped[bytes.length / 2] ^= 1;
        Path corrupt = dir.resolve("corrupt.fthmc");
        Files.write(corrupt, flipped);
        assertTrue(assertThrows(ConfigError.class, () -> GaugeFile.read(corrupt)).getMessage().contains("checksum"));

        Path truncated = dir.resolve("truncated.fthmc");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length - 20));
        assertTrue(assertThrows(ConfigError.class, () -> GaugeFile.read(truncated)).getMessage().contains("truncated"));

        Path foreign = dir.resolve("foreign.fthmc");
        Files.writeString(foreign, "BEGIN_HEADER\nDATATYPE = 4D_SU3_GAUGE\n");
        assertTrue(assertThrows(ConfigError.class, () -> GaugeFile.read(foreign)).getMessage().contains("magic"));

        assertThrows(ConfigError.class, () -> GaugeFile.read(dir));
        assertThrows(ConfigError.class, () -> GaugeFile.read(dir.resolve("missing")));
    }
}
