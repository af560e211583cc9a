package org.fthmc.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.fthmc.ConfigError;
import org.fthmc.io.AtomicFiles;

/**
 * A job directory of {@code fthmc run} or {@code fthmc train}, held exclusively for the life of the job, and the
 * rules that protect what is on disk:
 * <ul>
 *   <li>fthmc marks every directory it creates with {@value #MARKER} (kind and run id). A new job needs an absent or
 *       empty directory; {@code --force} replaces only a marked directory, deletes only the files fthmc writes
 *       there, and refuses (deleting nothing) when the directory holds anything else.</li>
 *   <li>{@code --resume} opens only a marked directory of its own kind.</li>
 *   <li>A job holds an exclusive lock on {@value #LOCK} (which records its process id) until it ends, so a second job
 *       on the same directory is refused at once instead of interleaving with the first.</li>
 * </ul>
 * Every refusal is a {@link ConfigError} (exit code 2) naming the directory and the reason.
 */
public final class RunDirectory implements AutoCloseable {
    public static final String CONFIG = "config.conf";
    public static final String MEASUREMENTS = "measurements.csv";
    public static final String REVERSIBILITY = "reversibility.csv";
    public static final String SUMMARY = "summary.json";
    public static final String CHECKPOINT = "checkpoint.bin";
    public static final String PLOT = "history.png";
    public static final String CONFIGS = "configs";
    /** The transform's weights as the run used them, or as training left them. */
    public static final String WEIGHTS = "weights.fthmcw";
    public static final String TRAIN_CSV = "train.csv";
    public static final String TRAIN_STATE = "train-state.bin";
    public static final String TRAIN_PLOT = "training.png";
    /** The marker that makes a directory an fthmc job directory. */
    public static final String MARKER = ".fthmc-run";
    /** The file whose lock a job holds while it runs; it holds the job's process id. */
    public static final String LOCK = ".fthmc-lock";

    /** The files fthmc writes at the top of a job directory (their temporaries end in .tmp). */
    private static final Set<String> OWN_FILES = Set.of(CONFIG, MEASUREMENTS, REVERSIBILITY, SUMMARY, CHECKPOINT, PLOT,
            WEIGHTS, TRAIN_CSV, TRAIN_STATE, TRAIN_PLOT, MARKER, LOCK);
    /** The gauge files a run saves under {@value #CONFIGS}. */
    private static final Pattern SAVED_CONFIG = Pattern.compile("stream\\d+_traj\\d+\\.fthmc(\\.tmp)?");

    /** What kind of job a directory holds: {@code fthmc run} or {@code fthmc train}. */
    public enum Kind {
        RUN, TRAIN;

        String label() {
            return name().toLowerCase();
        }
    }

    private final Path dir;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private RunDirectory(Path dir, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** The plugin jars the job was started with (recorded in the marker), which a resume loads again. */
    public List<Path> pluginJars() {
        String jars = marker(dir).getProperty("plugins", "");
        return jars.isEmpty() ? List.of() : Stream.of(jars.split(java.io.File.pathSeparator)).map(Path::of).toList();
    }

    /**
     * Prepares a directory for a new job and locks it: creates it (or takes it empty), or with {@code force}
     * replaces an earlier fthmc job directory, deleting only fthmc's files. Writes the marker, with the plugin jars
     * the job loaded from outside fthmc's class path.
     */
    public static RunDirectory createNew(Path dir, Kind kind, boolean force, List<Path> pluginJars) throws IOException {
        checkReplaceable(dir, force);
        try {
            Files.createDirectories(dir);
        } catch (FileSystemException e) {
            throw new ConfigError(dir + ": cannot create the output directory: " + reason(e));
        }
        RunDirectory locked = lock(dir);
        try {
            checkReplaceable(dir, force);
            if (force) {
                deleteOwnFiles(dir);
            }
            Properties marker = new Properties();
            marker.setProperty("kind", kind.label());
            marker.setProperty("id", UUID.randomUUID().toString());
            marker.setProperty("created", Instant.now().toString());
            if (!pluginJars.isEmpty()) {
                marker.setProperty("plugins", String.join(java.io.File.pathSeparator, pluginJars.stream().map(Path::toString).toList()));
            }
            AtomicFiles.write(dir.resolve(MARKER), out -> marker.store(out, "fthmc job directory: fthmc --force and --resume act only on"
                    + " directories with this file, and --force deletes only files fthmc writes"));
            return locked;
        } catch (IOException | RuntimeException e) {
            locked.close();
            throw e;
        }
    }

    /** Opens and locks an existing job directory of the given kind to resume it. */
    public static RunDirectory existing(Path dir, Kind kind) {
        if (!Files.isDirectory(dir)) {
            throw new ConfigError(dir + ": no such directory; cannot resume");
        }
        String found = markedKind(dir);
        if (found == null) {
            throw new ConfigError(dir + ": not an fthmc job directory (no " + MARKER + " marker); cannot resume");
        }
        if (!found.equals(kind.label())) {
            throw new ConfigError(dir + ": holds an fthmc " + found + " job, not a " + kind.label() + " job; use fthmc "
                    + found + " --resume " + dir);
        }
        if (!Files.isRegularFile(dir.resolve(CONFIG))) {
            throw new ConfigError(dir + ": has no " + CONFIG + "; cannot resume");
        }
        return lock(dir);
    }

    public Path dir() {
        return dir;
    }

    public Path file(String name) {
        return dir.resolve(name);
    }

    /** Releases the lock: another job may use the directory from now on. */
    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            lockChannel.close();
        }
    }

    /** Refuses (throws) unless a new job may use dir: absent, empty, or with force a marked fthmc job directory. */
    private static void checkReplaceable(Path dir, boolean force) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new ConfigError(dir + ": output path exists and is not a directory");
        }
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<String> entries = entries(dir);
        entries.remove(LOCK);
        if (entries.isEmpty()) {
            return;
        }
        if (!force) {
            throw new ConfigError(dir + ": output directory exists and is not empty; use --resume " + dir
                    + " to continue it, --force to replace it, or choose another --out");
        }
        if (markedKind(dir) == null) {
            throw new ConfigError(dir + ": --force only replaces a directory fthmc created (with " + MARKER
                    + "), and this one is not: refusing to delete it");
        }
        List<String> foreign = foreignEntries(dir);
        if (!foreign.isEmpty()) {
            throw new ConfigError(dir + ": holds files fthmc did not write (" + String.join(", ", foreign.subList(0, Math.min(5, foreign.size())))
                    + (foreign.size() > 5 ? ", ..." : "") + "): --force deletes only fthmc's own files, so nothing was deleted;"
                    + " move them away or choose another --out");
        }
    }

    /** The entries of dir that fthmc did not write, as paths relative to dir. */
    private static List<String> foreignEntries(Path dir) throws IOException {
        List<String> foreign = new ArrayList<>();
        for (String name : entries(dir)) {
            Path p = dir.resolve(name);
            if (name.equals(CONFIGS) && Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                for (String saved : entries(p)) {
                    if (!SAVED_CONFIG.matcher(saved).matches() || !Files.isRegularFile(p.resolve(saved), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        foreign.add(CONFIGS + "/" + saved);
                    }
                }
            } else if (!isOwnFileName(name) || !Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                foreign.add(name);
            }
        }
        return foreign;
    }

    private static boolean isOwnFileName(String name) {
        return OWN_FILES.contains(name) || (name.endsWith(".tmp") && OWN_FILES.contains(name.substring(0, name.length() - 4)));
    }

    /** Deletes fthmc's files in a directory that {@link #foreignEntries} found to hold nothing else (the lock stays). */
    private static void deleteOwnFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(dir) && !p.equals(dir.resolve(LOCK))) {
                    Files.delete(p);
                }
            }
        }
    }

    /** The kind written in dir's marker, or null when dir has no readable marker. */
    private static String markedKind(Path dir) {
        Properties p = marker(dir);
        String kind = p.getProperty("kind");
        return kind == null || p.getProperty("id") == null ? null : kind;
    }

    /** The properties of dir's marker (none when it has no readable marker). */
    private static Properties marker(Path dir) {
        Properties p = new Properties();
        Path marker = dir.resolve(MARKER);
        if (Files.isRegularFile(marker)) {
            try (var in = Files.newInputStream(marker)) {
                p.load(in);
            } catch (IOException | IllegalArgumentException e) {
                return new Properties();
            }
        }
        return p;
    }

    /** Takes the job lock of dir, or refuses naming the process that holds it. */
    private static RunDirectory lock(Path dir) {
        Path lockFile = dir.resolve(LOCK);
        FileChannel channel;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (FileSystemException e) {
            throw new ConfigError(dir + ": cannot write in the directory: " + reason(e));
        } catch (IOException e) {
            throw new ConfigError(dir + ": cannot write in the directory: " + e.getMessage());
        }
        try {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                String holder = holder(channel);
                channel.close();
                throw new ConfigError(dir + ": in use by another fthmc job (process " + holder + "); wait until it ends or stop it");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            channel.force(false);
            return new RunDirectory(dir, channel, lock);
        } catch (IOException e) {
            try {
                channel.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new UncheckedIOException(lockFile + ": cannot lock: " + e.getMessage(), e);
        }
    }

    /** The process id recorded in a lock file ("unknown" when it is not readable yet). */
    private static String holder(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(32);
        channel.read(buffer, 0);
        String pid = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).strip();
        return pid.matches("\\d+") ? pid : "unknown";
    }

    private static List<String> entries(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return new ArrayList<>(s.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    /** The reason of a file-system failure without the path (the callers name the path themselves). */
    private static String reason(FileSystemException e) {
        String r = e.getReason();
        if (r != null) {
            return r;
        }
        return switch (e) {
            case java.nio.file.FileAlreadyExistsException x -> x.getFile() + " exists and is not a directory";
            case java.nio.file.AccessDeniedException x -> "permission denied (" + x.getFile() + ")";
            case java.nio.file.NoSuchFileException x -> "no such file or directory (" + x.getFile() + ")";
            default -> e.getClass().getSimpleName() + " " + e.getFile();
        };
    }

    /**
     * Copies the files of a job directory (not its lock, not its saved configurations) to a new directory, for a rank
     * of a distributed job other than 0, which resumes in a private copy.
     */
    public static void copyForRank(Path dir, Path copy) throws IOException {
        Files.createDirectories(copy);
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (!f.getFileName().toString().equals(LOCK)) {
                    Files.copy(f, copy.resolve(f.getFileName()));
                }
            }
        }
    }

}
