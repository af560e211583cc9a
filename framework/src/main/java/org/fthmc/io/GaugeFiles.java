package org.fthmc.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.fthmc.ConfigError;
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
        LinkField u;
        if (IldgFile.recognises(path)) {
            u = IldgFile.read(path);
        } else if (NerscFile.recognises(path)) {
            u = NerscFile.read(path, loops);
        } else {
            u = GaugeFile.read(path);
        }
        double[] data = u.data();
        for (int i = 0; i < data.length; i++) {
            if (!Double.isFinite(data[i])) {
                throw new ConfigError(path + ": value " + i + " of the field is " + data[i] + ": a gauge field must be finite");
            }
        }
        return u;
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
