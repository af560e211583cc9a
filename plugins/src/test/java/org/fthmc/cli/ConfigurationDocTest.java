package org.fthmc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/configuration.md is exactly what {@code fthmc plugins --markdown} prints: the reference cannot drift. */
class ConfigurationDocTest {
    @Test
    void theConfigurationReferenceIsCurrent() throws IOException {
        Path doc = ShippedConfigsTest.repositoryRoot().resolve("docs/configuration.md");
        CliRunner r = CliRunner.run("plugins", "--markdown");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(r.out(), Files.readString(doc),
                "docs/configuration.md is out of date: regenerate it with bin/fthmc plugins --markdown > docs/configuration.md");
    }
}
