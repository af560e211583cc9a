package org.fthmc.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.fthmc.ConfigError;
import org.fthmc.config.NearestName;
import org.fthmc.field.LinkField;
import org.fthmc.io.GaugeFiles;
import org.fthmc.parallel.SiteLoops;

/**
 * {@code fthmc convert IN OUT --to FORMAT [--tile N,…]}: reads any supported gauge file (verified) and writes it in
 * another format, optionally repeated periodically along each direction (a start for a larger lattice).
 */
@Parameters(commandDescription = "Convert a gauge file: fthmc convert IN OUT --to fthmc|nersc|ildg [--tile 2,2,2,1]")
final class ConvertCommand {
    @Parameter(description = "IN OUT", required = true)
    List<String> files = new ArrayList<>();

    @Parameter(names = "--to", description = "Output format: fthmc, nersc or ildg", required = true)
    String format;

    @Parameter(names = "--tile", description = "Copies along each direction, e.g. 2,2,2,1: OUT is IN repeated periodically "
            + "on a lattice that many times as long (a near-equilibrium start for a larger lattice)")
    List<Integer> tile = new ArrayList<>();

    @Parameter(names = "--force", description = "Replace OUT if it exists")
    boolean force;

    int execute(PrintStream out) throws IOException {
        if (files.size() != 2) {
            throw new ConfigError("convert: expected IN and OUT, got " + files.size() + " file(s)");
        }
        if (!GaugeFiles.FORMATS.contains(format)) {
            throw new ConfigError("convert --to " + format + ": unknown format" + NearestName.hint(format, GaugeFiles.FORMATS)
                    + "; one of " + String.join(", ", GaugeFiles.FORMATS));
        }
        Path target = Path.of(files.get(1));
        if (Files.isDirectory(target)) {
            throw new ConfigError(target + ": is a directory, not a gauge file to write");
        }
        if (Files.exists(target) && !force) {
            throw new ConfigError(target + ": exists; use --force to replace it");
        }
        Path parent = target.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new ConfigError(target + ": cannot write there: " + parent + " is not a directory");
        }
        try (SiteLoops loops = new SiteLoops(Runtime.getRuntime().availableProcessors())) {
            LinkField u = GaugeFiles.read(Path.of(files.get(0)), loops);
            if (!tile.isEmpty()) {
                u = tiled(u);
            }
            GaugeFiles.write(u, target, format, loops);
            out.println("wrote " + target + " (" + format + ", " + Arrays.toString(u.lattice().extents()) + ")");
        }
        return Main.OK;
    }

    private LinkField tiled(LinkField u) {
        try {
            return u.tiled(tile.stream().mapToInt(Integer::intValue).toArray());
        } catch (IllegalArgumentException e) {
            throw new ConfigError("convert --tile " + tile.stream().map(String::valueOf).collect(Collectors.joining(","))
                    + " of " + files.get(0) + ": " + e.getMessage());
        }
    }
}
