package org.fthmc.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An atomic write that fails (a full disk, say) loses nothing and leaves nothing behind. */
class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void aFailedAtomicWriteNamesTheFileRemovesItsTemporaryAndKeepsTheOldContent() throws IOException {
        Path target = Files.writeString(dir.resolve("checkpoint.bin"), "last good checkpoint");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write(new byte[1000]);
            throw new IOException("No space left on device");
        }));
        assertTrue(e.getMessage().contains(target.toString()) && e.getMessage().contains("No space left on device"), e.getMessage());
        assertEquals("last good checkpoint", Files.readString(target));
        assertTrue(Files.notExists(dir.resolve("checkpoint.bin" + ".tmp")));
    }
}
