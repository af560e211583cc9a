package org.fthmc;

import com.typesafe.config.ConfigOrigin;
import java.nio.file.Path;

/**
 * Bad user input (config, command line, input file): a one-line message that names the place (file:line, or
 * {@code --set}, or the file) and the problem. The CLI prints it and exits with code 2.
 */
public final class ConfigError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigError(String message) {
        super(message);
    }

    public ConfigError(String message, Throwable cause) {
        super(message, cause);
    }

    /** An error at the place a config value came from. */
    public static ConfigError at(ConfigOrigin origin, String path, String problem) {
        return new ConfigError(where(origin) + ": " + path + ": " + problem);
    }

    /** "file:line" for a value from a file, the origin's own description otherwise (e.g. "--set hmc.seed"). */
    public static String where(ConfigOrigin origin) {
        if (origin == null) {
            return "config";
        }
        if (origin.filename() != null) {
            String name = Path.of(origin.filename()).toString();
            return origin.lineNumber() > 0 ? name + ":" + origin.lineNumber() : name;
        }
        if (origin.resource() != null) {
            return origin.resource() + (origin.lineNumber() > 0 ? ":" + origin.lineNumber() : "");
        }
        String d = origin.description();
        String suffix = ": " + origin.lineNumber();
        return origin.lineNumber() > 0 && d.endsWith(suffix) ? d.substring(0, d.length() - suffix.length()) + ":" + origin.lineNumber() : d;
    }
}
