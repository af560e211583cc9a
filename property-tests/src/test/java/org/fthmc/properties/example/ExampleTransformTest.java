package org.fthmc.properties.example;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fthmc.spi.PluginKind;
import org.fthmc.spi.PluginRegistry;
import org.junit.jupiter.api.Test;

/** The one-file transform and network of docs/writing-plugins.md are registered (so the property suite checks them) and shown verbatim. */
class ExampleTransformTest {
    @Test
    void theExamplesAreRegisteredAndThePluginGuideShowsThem() throws IOException {
        assertTrue(PluginRegistry.discover().factories(PluginKind.TRANSFORM).containsKey("u1-plaquette-stout"));
        Path root = Path.of("").toAbsolutePath();
        while (!Files.exists(root.resolve("README.md"))) {
            root = root.getParent();
        }
        assertTrue(PluginRegistry.discover().factories(PluginKind.NETWORK).containsKey("affine"));
        String guide = Files.readString(root.resolve("docs/writing-plugins.md"));
        for (String example : List.of("PlaquetteStoutFactory", "AffineNetworkFactory")) {
            String code = Files.readString(root.resolve("property-tests/src/test/java/org/fthmc/properties/example/" + example + ".java"));
            String body = code.substring(code.indexOf("/**\n * A "));
            assertTrue(guide.contains(body), "docs/writing-plugins.md must show " + example + ".java from its class doc on");
        }
    }
}
