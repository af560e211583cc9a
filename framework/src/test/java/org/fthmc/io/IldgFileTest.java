package org.fthmc.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
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

/** ILDG/LIME files of SIMULATeQCD and QUDA (testdata/peer-configs) against the NERSC file of the same configuration. */
class IldgFileTest {
    @TempDir
    Path dir;

    @Test
    void ildgAndNerscCopiesOfOneConfigurationAgree() {
        Path peers = PeerConfigs.directory();
        LinkField ildg = IldgFile.read(peers.resolve("ildg.l8t4b3360"));
        LinkField nersc = NerscFile.read(peers.resolve("nersc.l8t4b3360"), SiteLoops.serial());
        // the two files of SIMULATeQCD differ in the last bit of some entries (5.6e-16 at most)
        double max = 0;
        for (int k = 0; k < ildg.data().length; k++) {
            max = Math.max(max, Math.abs(ildg.data()[k] - nersc.data()[k]));
        }
        assertTrue(max < 1e-15, "max difference " + max);
        assertEquals(0.5038664469, SunLoops.averagePlaquette(ildg, SiteLoops.serial()), 1e-10);
    }

    @Test
    void quudaScidacFileIsReadWithItsChecksumAndHoldsSu3Links() {
        Path peers = PeerConfigs.directory();
        LinkField quda = IldgFile.read(peers.resolve("ildg.l8t4b3360_QUDA")); // the SciDAC checksum is verified here
        SUN su3 = (SUN) quda.group();
        for (int l = 0; l < quda.lattice().links(); l += 97) {
            double[] det = su3.determinant(Arrays.copyOfRange(quda.data(), 18 * l, 18 * (l + 1)));
            assertEquals(1, Math.hypot(det[0], det[1]), 1e-12, "|det| of link " + l);
        }
    }

    @Test
    void roundTripIsBitExactAndDamageIsRefused() throws IOException {
        Path peers = PeerConfigs.directory();
        LinkField u = IldgFile.read(peers.resolve("ildg.l8t4b3360"));
        Path f = dir.resolve("out.ildg");
        IldgFile.write(u, f);
        assertTrue(IldgFile.recognises(f));
        assertTrue(IldgFile.read(f).sameBits(u));
        byte[] bytes = Files.readAllBytes(f);
        byte[] flipped = bytes.clone();
        flipped[bytes.length / 2] ^= 1;
        Path corrupt = Files.write(dir.resolve("corrupt"), flipped);
        assertTrue(assertThrows(ConfigError.class, () -> IldgFile.read(corrupt)).getMessage().contains("checksum"));
        Path truncated = Files.write(dir.resolve("truncated"), Arrays.copyOf(bytes, bytes.length / 2));
        assertTrue(assertThrows(ConfigError.class, () -> IldgFile.read(truncated)).getMessage().contains("truncated"));
        Path foreign = Files.writeString(dir.resolve("foreign"), "not a lime file at all, but long enough to hold a header ".repeat(4));
        assertTrue(assertThrows(ConfigError.class, () -> IldgFile.read(foreign)).getMessage().contains("magic"));
    }
}
