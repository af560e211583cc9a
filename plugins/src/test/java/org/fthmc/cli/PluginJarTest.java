package org.fthmc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.fthmc.run.RunDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin jar from outside fthmc's class path, built here from source: found in a {@code plugins/} folder beside
 * the config (and loaded again by --resume), or through {@code FTHMC_PLUGIN_PATH}, with its reference.conf defaults.
 */
class PluginJarTest {
    private static final String SOURCE = """
            package example;

            import java.util.List;
            import org.fthmc.config.ConfigKey;
            import org.fthmc.config.KeyType;
            import org.fthmc.config.Settings;
            import org.fthmc.field.LinkField;
            import org.fthmc.spi.FthmcModule;
            import org.fthmc.spi.Observable;
            import org.fthmc.spi.ObservableFactory;
            import org.fthmc.spi.Plugins;
            import org.fthmc.spi.RunContext;

            /** An observable that measures a configured constant: enough to see the plugin loaded with its defaults. */
            public final class ConstantModule extends com.google.inject.AbstractModule implements FthmcModule {
                @Override
                protected void configure() {
                    Plugins.observables(binder()).addBinding("constant").toInstance(new ObservableFactory() {
                        public String name() { return "constant"; }
                        public String doc() { return "a configured constant"; }
                        public List<ConfigKey> keys() { return List.of(ConfigKey.of("value", KeyType.DOUBLE, "the value")); }
                        public Observable create(Settings s, RunContext c) {
                            double v = s.getDouble("value");
                            return new Observable() {
                                public String column() { return "constant"; }
                                public double measure(LinkField u) { return v; }
                            };
                        }
                        public boolean byDefault() { return false; }
                    });
                }
            }
            """;

    @TempDir
    Path dir;

    /** Compiles the example plugin against the test class path and packs it with its service entry and defaults. */
    private Path buildJar(Path jar) throws IOException {
        Path src = Files.createDirectories(dir.resolve("src/example"));
        Files.writeString(src.resolve("ConstantModule.java"), SOURCE);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int rc = javac.run(null, null, diagnostics, "-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
                src.resolve("ConstantModule.java").toString());
        assertEquals(0, rc, diagnostics.toString(StandardCharsets.UTF_8));
        Files.createDirectories(jar.getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                put(out, classes.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
            }
            put(out, "META-INF/services/org.fthmc.spi.FthmcModule", "example.ConstantModule\n".getBytes(StandardCharsets.UTF_8));
            put(out, "reference.conf", "fthmc.plugins.observable.constant { value = 2.5 }\n".getBytes(StandardCharsets.UTF_8));
        }
        return jar;
    }

    private static void put(JarOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new JarEntry(name));
        ((OutputStream) out).write(bytes);
        out.closeEntry();
    }

    private static final String CONFIG = """
            lattice.dims = [4, 4]
            action { type = u1-wilson, beta = 2 }
            hmc { trajectories = 2, thermalization = 0 }
            measurements.observables = [plaquette, constant]
            output { progress = none, plot = false }
            """;

    private static List<String> column(Path run, int index) throws IOException {
        return Files.readAllLines(run.resolve(RunDirectory.MEASUREMENTS)).stream().map(l -> l.split(",")[index]).toList();
    }

    @Test
    void aJarInThePluginsFolderBesideTheConfigAddsItsPluginsToRunAndResume() throws IOException {
        buildJar(dir.resolve("study/plugins/constant.jar"));
        Path conf = Files.writeString(dir.resolve("study/run.conf"), CONFIG);
        Path run = dir.resolve("study/run");
        CliRunner r = CliRunner.run("run", conf.toString(), "--out", run.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(List.of("constant", "2.5", "2.5"), column(run, 5));

        r = CliRunner.run("run", "--resume", run.toString(), "--set", "hmc.trajectories=3");
        assertEquals(0, r.exitCode(), "the resume loads the jar the run recorded: " + r.err());
        assertEquals(List.of("constant", "2.5", "2.5", "2.5"), column(run, 5));

        // Without the folder the plugin is unknown: the config is refused as usual.
        Path elsewhere = Files.writeString(dir.resolve("run.conf"), CONFIG);
        r = CliRunner.run("run", elsewhere.toString(), "--out", dir.resolve("other").toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("constant"), r.err());
    }

    @Test
    void fthmcPluginPathAddsJarsToEveryCommand() throws IOException {
        Path jar = buildJar(dir.resolve("jars/constant.jar"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Main main = new Main(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("FTHMC_PLUGIN_PATH", jar.getParent().toString()));
        assertEquals(0, main.run("plugins"), err.toString(StandardCharsets.UTF_8));
        String listing = out.toString(StandardCharsets.UTF_8);
        assertTrue(listing.contains("constant") && listing.contains("a configured constant") && listing.contains("2.5"), listing);

        Main missing = new Main(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("FTHMC_PLUGIN_PATH", dir.resolve("nowhere").toString()));
        err.reset();
        assertEquals(2, missing.run("plugins"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("FTHMC_PLUGIN_PATH: " + dir.resolve("nowhere") + " does not exist"));
    }
}
