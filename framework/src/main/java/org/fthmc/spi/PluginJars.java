package org.fthmc.spi;

import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.fthmc.ConfigError;

/**
 * Plugin jars from outside fthmc's own class path: the entries of {@value #VARIABLE} (jars, or folders whose
 * {@code *.jar} files are taken, separated like {@code PATH}) and the {@value #FOLDER} folder beside a job's config.
 * A jar adds plugins through {@code META-INF/services/org.fthmc.spi.FthmcModule} and its defaults through its own
 * {@code reference.conf}; {@link #loader} puts the jars on a class loader that {@link PluginRegistry#discover()} and
 * typesafe-config's defaults read (the thread's context class loader).
 */
public final class PluginJars {
    /** The environment variable listing plugin jars and folders of them. */
    public static final String VARIABLE = "FTHMC_PLUGIN_PATH";
    /** The folder beside a config whose jars a job loads. */
    public static final String FOLDER = "plugins";

    private PluginJars() {
    }

    /** The jars {@value #VARIABLE} names (none when it is unset or empty); a missing entry is bad input. */
    public static List<Path> fromVariable(String value) {
        List<Path> jars = new ArrayList<>();
        if (value == null) {
            return jars;
        }
        for (String entry : value.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path p = Path.of(entry.strip());
            if (!Files.exists(p)) {
                throw new ConfigError(VARIABLE + ": " + p + " does not exist");
            }
            jars.addAll(in(p));
        }
        return jars;
    }

    /** The jars of the {@value #FOLDER} folder beside a config file (none when it has no such folder). */
    public static List<Path> besideConfig(Path config) {
        Path folder = config.toAbsolutePath().resolveSibling(FOLDER);
        return Files.isDirectory(folder) ? in(folder) : List.of();
    }

    /** A jar itself, or the {@code *.jar} files of a folder in name order. */
    static List<Path> in(Path entry) {
        if (!Files.isDirectory(entry)) {
            if (!entry.getFileName().toString().endsWith(".jar")) {
                throw new ConfigError(entry + ": a plugin path entry must be a .jar file or a folder of them");
            }
            return List.of(entry.toAbsolutePath());
        }
        try (Stream<Path> files = Files.list(entry)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar") && Files.isRegularFile(f))
                    .map(Path::toAbsolutePath).sorted().toList();
        } catch (IOException e) {
            throw new ConfigError(entry + ": cannot list the plugin folder: " + e.getMessage(), e);
        }
    }

    /** What runs with plugin jars loaded. */
    @FunctionalInterface
    public interface WithJars<T> {
        T run() throws IOException;
    }

    /** Runs body with the jars added to the thread's context class loader, which is restored afterwards. */
    public static <T> T withJars(List<Path> jars, WithJars<T> body) throws IOException {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(loader(jars, before));
        try {
            return body.run();
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    /** A class loader over the jars with the given parent; the parent itself when there are no jars. */
    static ClassLoader loader(List<Path> jars, ClassLoader parent) {
        if (jars.isEmpty()) {
            return parent;
        }
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            Path jar = jars.get(i);
            if (!Files.isRegularFile(jar)) {
                throw new ConfigError(jar + ": plugin jar not found");
            }
            try {
                urls[i] = jar.toUri().toURL();
            } catch (MalformedURLException e) {
                throw new ConfigError(jar + ": not a usable plugin jar path: " + e.getMessage(), e);
            }
        }
        return new URLClassLoader("fthmc-plugins", urls, parent);
    }
}
