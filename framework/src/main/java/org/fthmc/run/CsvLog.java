package org.fthmc.run;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.fthmc.ConfigError;
import org.fthmc.io.AtomicFiles;

/**
 * An append-only CSV file with a fixed header, flushed after every row. On resume it is cut back to the number of
 * data rows a checkpoint recorded, so rows written after the checkpoint are recomputed, never duplicated.
 */
public final class CsvLog implements AutoCloseable {
    private final Path path;
    private final BufferedWriter out;
    private long rows;

    private CsvLog(Path path, long rows) throws IOException {
        this.path = path;
        this.rows = rows;
        this.out = Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    /** A new file with the header line. */
    public static CsvLog create(Path path, List<String> header) throws IOException {
        AtomicFiles.writeString(path, String.join(",", header) + "\n");
        return new CsvLog(path, 0);
    }

    /** A log found fit to resume by {@link #checkResumable}, read once; nothing is written until {@link #open}. */
    public record Resumable(Path path, List<String> lines, long rows) {
        /** Cuts the file back to its header and first {@code rows} data rows and opens it for appending. */
        public CsvLog open() throws IOException {
            AtomicFiles.writeString(path, String.join("\n", lines.subList(0, (int) rows + 1)) + "\n");
            return new CsvLog(path, rows);
        }
    }

    /** Checks, writing nothing, that the file exists with this header and at least {@code rows} data rows. */
    public static Resumable checkResumable(Path path, List<String> header, long rows) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new ConfigError(path + ": missing; cannot resume this job");
        }
        List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).equals(String.join(",", header))) {
            throw new ConfigError(path + ": header does not match this job's columns; cannot resume");
        }
        if (lines.size() - 1 < rows) {
            throw new ConfigError(path + ": has " + (lines.size() - 1) + " rows, the checkpoint expects " + rows + "; cannot resume");
        }
        return new Resumable(path, lines, rows);
    }

    public void row(List<String> values) throws IOException {
        try {
            out.write(String.join(",", values));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new IOException(path + ": cannot write: " + e.getMessage(), e);
        }
        rows++;
    }

    public long rows() {
        return rows;
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
