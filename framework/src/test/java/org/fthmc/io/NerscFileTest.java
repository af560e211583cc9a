package org.fthmc.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.fthmc.ConfigError;
import org.fthmc.field.LinkField;
import org.fthmc.group.SUN;
import org.fthmc.gauge.SunLoops;
import org.fthmc.parallel.SiteLoops;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NERSC files written by other codes (testdata/peer-configs), and fthmc's own round trip. */
class NerscFileTest {
    @TempDir
    Path dir;

    @Test
    void readsFilesOfOtherCodesAndVerifiesTheirHeaders() {
        Path peers = PeerConfigs.directory();
        // SIMULATeQCD 3x3 IEEE64BIG 8^3x4; SZIN two-row IEEE32BIG 4^4; SIMULATeQCD two-row IEEE32BIG 6^4
        LinkField a = NerscFile.read(peers.resolve("nersc.l8t4b3360"), SiteLoops.serial());
        assertArrayEquals(new int[] {8, 8, 8, 4}, a.lattice().extents());
        assertEquals(0.5038664469, SunLoops.averagePlaquette(a, SiteLoops.serial()), 1e-10);
        LinkField b = NerscFile.read(peers.resolve("t_nersc.cfg"), SiteLoops.serial());
        assertEquals(0.0382422893, SunLoops.averagePlaquette(b, SiteLoops.serial()), 1e-7);
        LinkField c = NerscFile.read(peers.resolve("lat.sample.l6666_nersc"), SiteLoops.serial());
        assertArrayEquals(new int[] {6, 6, 6, 6}, c.lattice().extents());
        // the reconstructed third rows make every link special unitary
        double[] det = ((SUN) b.group()).determinant(Arrays.copyOfRange(b.data(), 18 * 7, 18 * 8));
        assertEquals(1, det[0], 1e-6);
    }

    @Test
    void roundTripIsBitExactAndDamageIsRefused() throws IOException {
        Path peers = PeerConfigs.directory();
        LinkField u = NerscFile.read(peers.resolve("t_nersc.cfg"), SiteLoops.serial());
        Path f = dir.resolve("out.nersc");
        NerscFile.write(u, f, SiteLoops.serial());
        assertTrue(NerscFile.recognises(f));
        assertTrue(NerscFile.read(f, SiteLoops.serial()).sameBits(u));

        byte[] bytes = Files.readAllBytes(f);
        byte[] flipped = bytes.clone();
        flipped[bytes.length - 100] ^= 1;
        Path corrupt = Files.write(dir.resolve("corrupt"), flipped);
        assertTrue(assertThrows(ConfigError.class, () -> NerscFile.read(corrupt, SiteLoops.serial())).getMessage().contains("checksum"));
        Path truncated = Files.write(dir.resolve("truncated"), Arrays.copyOf(bytes, bytes.length - 8));
        assertTrue(assertThrows(ConfigError.class, () -> NerscFile.read(truncated, SiteLoops.serial())).getMessage().contains("truncated"));
        String text = new String(bytes, StandardCharsets.ISO_8859_1).replaceFirst("PLAQUETTE = 0\\.0", "PLAQUETTE = 0.1");
        Path wrongPlaquette = Files.write(dir.resolve("plaquette"), text.getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(assertThrows(ConfigError.class, () -> NerscFile.read(wrongPlaquette, SiteLoops.serial())).getMessage().contains("PLAQUETTE"));
        Path foreign = Files.writeString(dir.resolve("foreign"), "BEGIN_HEADER\nDATATYPE = 4D_SU2_GAUGE\nEND_HEADER\n");
        assertTrue(assertThrows(ConfigError.class, () -> NerscFile.read(foreign, SiteLoops.serial())).getMessage().contains("DATATYPE"));
    }
}
