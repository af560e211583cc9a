package org.fthmc.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.fthmc.ConfigError;
import org.fthmc.spi.Weights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeightsFileTest {
    @TempDir
    Path dir;

    private static Weights weights(int hidden) {
        Weights w = new Weights();
        new ConvNet(w, "net", 2, new int[] {3, hidden, 2}, 3, 42, 1);
        return w;
    }

    @Test
    void roundTripIsBitExact() throws IOException {
        Weights a = weights(4);
        Path file = dir.resolve("w.fthmcw");
        WeightsFile.write(a, file);
        Weights b = weights(4);
        Arrays.fill(b.tensors().getFirst().values(), 0);
        WeightsFile.read(file, b);
        for (int i = 0; i < a.tensors().size(); i++) {
            assertArrayEquals(a.tensors().get(i).values(), b.tensors().get(i).values());
        }
    }

    @Test
    void badFilesAreRefusedWholeAndLeaveTheWeightsAlone() throws IOException {
        Weights a = weights(4);
        Path file = dir.resolve("w.fthmcw");
        WeightsFile.write(a, file);
        byte[] bytes = Files.readAllBytes(file);

        Weights other = weights(3);
        double[] before = other.tensors().getFirst().values().clone();
        ConfigError shape = assertThrows(ConfigError.class, () -> WeightsFile.read(file, other));
        assertTrue(shape.getMessage().contains("w.fthmcw") && shape.getMessage().contains("expects"), shape.getMessage());
        assertArrayEquals(before, other.tensors().getFirst().values(), "nothing loaded from a refused file");

        Path truncated = Files.write(dir.resolve("t.fthmcw"), Arrays.copyOf(bytes, bytes.length / 2));
        assertTrue(assertThrows(ConfigError.class, () -> WeightsFile.read(truncated, weights(4))).getMessage().contains("truncated"));

        byte[] flipped = bytes.clone();
        flipped[bytes.length - 12] ^= 1; // inside the last weight, before the checksum
        Path corrupted = Files.write(dir.resolve("c.fthmcw"), flipped);
        assertTrue(assertThrows(ConfigError.class, () -> WeightsFile.read(corrupted, weights(4))).getMessage().contains("checksum"));

        Path notWeights = Files.writeString(dir.resolve("n.fthmcw"), "hello, world");
        assertTrue(assertThrows(ConfigError.class, () -> WeightsFile.read(notWeights, weights(4))).getMessage().contains("magic"));
        assertTrue(assertThrows(ConfigError.class, () -> WeightsFile.read(dir.resolve("missing"), weights(4))).getMessage().contains("not found"));
    }
}
