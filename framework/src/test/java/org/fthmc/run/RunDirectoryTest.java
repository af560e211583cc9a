package org.fthmc.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.fthmc.ConfigError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a job directory protects: the marker, what --force may delete, the job lock, unwritable places. */
class RunDirectoryTest {
    @TempDir
    Path dir;

    private static String message(ConfigError e) {
        return e.getMessage();
    }

    private static Path markedRun(Path run) throws IOException {
        RunDirectory.createNew(run, RunDirectory.Kind.RUN, false, List.of()).close();
        Files.writeString(run.resolve(RunDirectory.CONFIG), "lattice.dims = [2, 2]");
        Files.writeString(run.resolve(RunDirectory.MEASUREMENTS), "old");
        Files.createDirectories(run.resolve(RunDirectory.CONFIGS));
        Files.writeString(run.resolve(RunDirectory.CONFIGS).resolve("stream0_traj000009.fthmc"), "field");
        return run;
    }

    private static String markerId(Path run) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(run.resolve(RunDirectory.MARKER))) {
            p.load(in);
        }
        return p.getProperty("id");
    }

    @Test
    void aForeignDirectoryIsNeverReplacedNorTouched() throws IOException {
        Path work = Files.createDirectories(dir.resolve("work"));
        Files.writeString(work.resolve("thesis.tex"), "precious");
        assertTrue(message(assertThrows(ConfigError.class, () -> RunDirectory.createNew(work, RunDirectory.Kind.RUN, false, List.of()))).contains("--force"));
        assertTrue(message(assertThrows(ConfigError.class, () -> RunDirectory.createNew(work, RunDirectory.Kind.RUN, true, List.of())))
                .contains("refusing to delete"));
        // A config.conf alone does not make a directory fthmc's: without the marker nothing is deleted.
        Files.writeString(work.resolve(RunDirectory.CONFIG), "lattice.dims = [2, 2]");
        assertThrows(ConfigError.class, () -> RunDirectory.createNew(work, RunDirectory.Kind.RUN, true, List.of()));
        assertEquals("precious", Files.readString(work.resolve("thesis.tex")));
        assertTrue(Files.notExists(work.resolve(RunDirectory.LOCK)), "a refused directory gets no lock file");
        assertTrue(message(assertThrows(ConfigError.class, () -> RunDirectory.existing(work, RunDirectory.Kind.RUN)))
                .contains("no " + RunDirectory.MARKER));
    }

    @Test
    void forceReplacesOnlyAMarkedDirectoryHoldingNothingButFthmcFiles() throws IOException {
        Path run = markedRun(dir.resolve("run"));
        String before = markerId(run);
        assertThrows(ConfigError.class, () -> RunDirectory.createNew(run, RunDirectory.Kind.RUN, false, List.of()));
        RunDirectory.createNew(run, RunDirectory.Kind.RUN, true, List.of()).close();
        assertTrue(Files.notExists(run.resolve(RunDirectory.MEASUREMENTS)));
        assertTrue(Files.notExists(run.resolve(RunDirectory.CONFIGS)));
        assertNotEquals(before, markerId(run), "a replaced directory is a new run with a new id");
    }

    @Test
    void forceDeletesNothingWhenAMarkedDirectoryHoldsAForeignFile() throws IOException {
        Path run = markedRun(dir.resolve("run"));
        Files.writeString(run.resolve("thesis.tex"), "precious");
        String m = message(assertThrows(ConfigError.class, () -> RunDirectory.createNew(run, RunDirectory.Kind.RUN, true, List.of())));
        assertTrue(m.contains("thesis.tex") && m.contains("nothing was deleted"), m);
        assertEquals("precious", Files.readString(run.resolve("thesis.tex")));
        assertEquals("old", Files.readString(run.resolve(RunDirectory.MEASUREMENTS)));

        Files.delete(run.resolve("thesis.tex"));
        Files.writeString(run.resolve(RunDirectory.CONFIGS).resolve("notes.txt"), "mine");
        m = message(assertThrows(ConfigError.class, () -> RunDirectory.createNew(run, RunDirectory.Kind.RUN, true, List.of())));
        assertTrue(m.contains("configs/notes.txt"), m);
        assertEquals("field", Files.readString(run.resolve(RunDirectory.CONFIGS).resolve("stream0_traj000009.fthmc")));
    }

    @Test
    void aSecondJobOnALockedDirectoryIsRefusedNamingTheHolder() throws IOException {
        Path run = dir.resolve("run");
        try (RunDirectory held = RunDirectory.createNew(run, RunDirectory.Kind.RUN, false, List.of())) {
            Files.writeString(held.file(RunDirectory.CONFIG), "lattice.dims = [2, 2]");
            String pid = Long.toString(ProcessHandle.current().pid());
            for (var attempt : List.<org.junit.jupiter.api.function.Executable>of(
                    () -> RunDirectory.existing(run, RunDirectory.Kind.RUN),
                    () -> RunDirectory.createNew(run, RunDirectory.Kind.RUN, true, List.of()))) {
                String m = message(assertThrows(ConfigError.class, attempt));
                assertTrue(m.contains(run.toString()) && m.contains("in use") && m.contains("process " + pid), m);
            }
            assertTrue(Files.exists(held.file(RunDirectory.CONFIG)), "the refused --force deleted nothing");
        }
        RunDirectory.existing(run, RunDirectory.Kind.RUN).close();
    }

    @Test
    void resumeOpensOnlyADirectoryOfItsOwnKind() throws IOException {
        Path train = dir.resolve("train");
        RunDirectory.createNew(train, RunDirectory.Kind.TRAIN, false, List.of()).close();
        Files.writeString(train.resolve(RunDirectory.CONFIG), "lattice.dims = [2, 2]");
        String m = message(assertThrows(ConfigError.class, () -> RunDirectory.existing(train, RunDirectory.Kind.RUN)));
        assertTrue(m.contains("fthmc train --resume"), m);
        RunDirectory.existing(train, RunDirectory.Kind.TRAIN).close();
        assertThrows(ConfigError.class, () -> RunDirectory.existing(dir.resolve("absent"), RunDirectory.Kind.RUN));
    }

    @Test
    void unwritableOutputPlacesAreBadInput() throws IOException {
        Path file = Files.writeString(dir.resolve("plain"), "x");
        assertTrue(message(assertThrows(ConfigError.class, () -> RunDirectory.createNew(file, RunDirectory.Kind.RUN, true, List.of())))
                .contains("not a directory"));
        String m = message(assertThrows(ConfigError.class, () -> RunDirectory.createNew(file.resolve("out"), RunDirectory.Kind.RUN, false, List.of())));
        assertTrue(m.contains("cannot create the output directory"), m);
        m = message(assertThrows(ConfigError.class, () -> RunDirectory.createNew(Path.of("/proc/fthmc-out"), RunDirectory.Kind.RUN, false, List.of())));
        assertTrue(m.contains("/proc/fthmc-out") && m.contains("cannot"), m);
        assertEquals("x", Files.readString(file));
    }
}
