package org.fthmc.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fthmc.ConfigError;
import org.fthmc.field.LinkField;
import org.fthmc.group.U1;
import org.fthmc.lattice.Lattice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
    @TempDir
    Path dir;

    @Test
    void roundTripKeepsEveryCounterAndFieldBit() throws IOException {
        Lattice l = new Lattice(3, 5);
        Checkpoint cp = new Checkpoint(17, 9, 5, 12, 3.25, 4, 40, 2,
                List.of(LinkField.hot(l, U1.INSTANCE, 1, 0), LinkField.hot(l, U1.INSTANCE, 1, 1)));
        Path f = dir.resolve("cp.bin");
        cp.write(f);
        Checkpoint back = Checkpoint.read(f);
        assertEquals(17, back.nextTrajectory());
        assertEquals(9, back.steps());
        assertEquals(5, back.tuneLow());
        assertEquals(12, back.tuneHigh());
        assertEquals(3.25, back.tuneSum());
        assertEquals(4, back.tuneCount());
        assertEquals(40, back.measurementRows());
        assertEquals(2, back.reversibilityRows());
        assertTrue(back.fields().get(1).sameBits(cp.fields().get(1)));
        assertTrue(Files.notExists(dir.resolve("cp.bin.tmp")));

        byte[] bytes = Files.readAllBytes(f);
        bytes[bytes.length - 30] ^= 4;
        Files.write(f, bytes);
        assertThrows(ConfigError.class, () -> Checkpoint.read(f));
    }

    @Test
    void csvLogResumeCutsRowsWrittenAfterTheCheckpoint() throws IOException {
        Path f = dir.resolve("m.csv");
        try (CsvLog log = CsvLog.create(f, List.of("a", "b"))) {
            for (int i = 0; i < 5; i++) {
                log.row(List.of(Integer.toString(i), "x"));
            }
        }
        try (CsvLog log = CsvLog.checkResumable(f, List.of("a", "b"), 3).open()) {
            log.row(List.of("3", "y"));
            assertEquals(4, log.rows());
        }
        assertEquals(List.of("a,b", "0,x", "1,x", "2,x", "3,y"), Files.readAllLines(f));
        assertThrows(ConfigError.class, () -> CsvLog.checkResumable(f, List.of("a", "c"), 1));
        assertThrows(ConfigError.class, () -> CsvLog.checkResumable(f, List.of("a", "b"), 10));
    }
}
