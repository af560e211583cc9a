package org.fthmc.properties.example;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fthmc.spi.PluginKind;
import org.fthmc.spi.PluginRegistry;
import org.junit.jupiter.api.Test;

/** The one-file transform of docs/writing-plugins.md is registered (so the property suite checks it) and shown verbatim. */
class ExampleTransformTest {
    @Test
    void theExampleIsRegisteredAndThePluginGuideShowsIt() throws IOException {
        assertTrue(PluginRegistry.discover().factories(PluginKind.TRANSFORM).containsKey("u1-plaquette-stout"));
        Path root = Path.of("").toAbsolutePath();
        while (!Files.exists(root.resolve("README.md"))) {
            root = root.getParent();
        }
        String code = Files.readString(root.resolve("property-tests/src/test/java/org/fthmc/properties/example/PlaquetteStoutFactory.java"));
        String body = code.substring(code.indexOf("/**\n * A 2D U(1) transform in one file"));
        assertTrue(Files.readString(root.resolve("docs/writing-plugins.md")).contains(body),
                "docs/writing-plugins.md must show PlaquetteStoutFactory.java from its class doc on");
    }
}
