package org.fthmc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.fthmc.config.RunConfig;
import org.fthmc.run.RunPlan;
import org.fthmc.field.LinkField;
import org.fthmc.io.GaugeFiles;
import org.fthmc.spi.PluginRegistry;
import org.fthmc.train.TrainPlan;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every config shipped under {@code configs/} builds as its header says to run it: known plugins and keys, valid
 * values, and the shipped weights fitting the networks that load them. Paths in the configs are relative to the
 * repository root; a path under {@code runs/} is the output of an earlier documented step, absent from a fresh
 * clone, and is replaced by a stand-in (a hot start, the seeded initial weights, a small ensemble of unit fields).
 */
class ShippedConfigsTest {
    private static final PluginRegistry REGISTRY = PluginRegistry.discover();
    private static final Path ROOT = repositoryRoot();

    @TempDir
    Path tmp;

    static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("configs/models")) && Files.isRegularFile(p.resolve("mvnw"))) {
                return p;
            }
        }
        throw new IllegalStateException("no repository root with configs/models above " + Path.of("").toAbsolutePath());
    }

    static Stream<Path> configs() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(ROOT.resolve("configs"))) {
            files = s.filter(f -> f.toString().endsWith(".conf")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no configs under " + ROOT.resolve("configs"));
        return files.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void builds(Path file) throws IOException {
        RunConfig config = RunConfig.load(file, List.of());
        assertEquals(List.of(), config.warnings(), "a shipped config sets no key twice");
        if (config.section("lattice").hasPath("file")) {
            Path start = ROOT.resolve(config.section("lattice").getString("file"));
            config = Files.exists(start) ? config.with("lattice.file", start.toString()) : config.with("lattice.start", "hot");
        }
        if (config.section("transform").hasPath("weights")) {
            String given = config.section("transform").getString("weights");
            Path weights = ROOT.resolve(given);
            assertTrue(Files.isRegularFile(weights) || given.startsWith("runs/"), file + ": weights " + given + " are neither shipped nor made by a step");
            config = config.with("transform.weights", Files.isRegularFile(weights) ? weights.toString() : "");
        }
        boolean training = config.section("train").hasPath("data");
        try (RunPlan plan = training ? TrainPlan.runPlan(config, REGISTRY) : RunPlan.build(config, REGISTRY)) {
            if (training) {
                Path data = Files.createDirectories(tmp.resolve("data"));
                for (int i = 0; i < 10; i++) {
                    GaugeFiles.write(new LinkField(plan.lattice(), plan.group()), data.resolve(i + ".fthmc"), "fthmc", plan.context().loops());
                }
                List<String> entries = new ArrayList<>();
                for (String entry : config.section("train").getStringList("data")) {
                    Path path = ROOT.resolve(entry);
                    assertTrue(Files.exists(path) || entry.startsWith("runs/"), file + ": training data " + entry + " are neither shipped nor made by a step");
                    entries.add(Files.exists(path) ? path.toString() : data.toString());
                }
                TrainPlan.build(config.with("train.data", entries), plan, REGISTRY);
            }
        }
    }
}
