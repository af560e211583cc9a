package org.fthmc.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.fthmc.config.ConfigError;
import org.fthmc.field.LinkField;
import org.fthmc.parallel.SiteLoops;

/** Gauge files in any supported format: recognised by their first bytes on reading, chosen by name on writing. */
public final class GaugeFiles {
    /** The format names of {@link #write}. */
    public static final List<String> FORMATS = List.of("fthmc", "nersc", "ildg");

    private GaugeFiles() {
    }

    /** Reads an ILDG/LIME, NERSC or fthmc gauge file, verifying whatever checksums and header values it carries. */
    public static LinkField read(Path path, SiteLoops loops) {
        if (IldgFile.recognises(path)) {
            return IldgFile.read(path);
        }
        if (NerscFile.recognises(path)) {
            return NerscFile.read(path, loops);
        }
        return GaugeFile.read(path);
    }

    public static void write(LinkField u, Path path, String format, SiteLoops loops) throws IOException {
        switch (format) {
            case "fthmc" -> GaugeFile.write(u, path);
            case "nersc" -> NerscFile.write(u, path, loops);
            case "ildg" -> IldgFile.write(u, path);
            default -> throw new ConfigError("unknown gauge-file format '" + format + "'; one of " + String.join(", ", FORMATS));
        }
    }
}
