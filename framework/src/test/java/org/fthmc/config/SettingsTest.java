package org.fthmc.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.fthmc.ConfigError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
    private static final List<ConfigKey> KEYS = List.of(
            ConfigKey.positive("beta", KeyType.DOUBLE, "coupling"),
            ConfigKey.atLeast("steps", KeyType.INT, 1, "steps"),
            ConfigKey.atLeast("dims", KeyType.INT_LIST, 2, "extents"),
            ConfigKey.of("name", KeyType.STRING, "a name"));
    private static final Config DEFAULTS = ConfigFactory.parseString("steps = 10, name = x");

    @TempDir
    Path dir;

    private static Config block(String hocon) {
        return ConfigFactory.parseString(hocon, ConfigParseOptions.defaults().setOriginDescription("test.conf"))
                .getConfig("b");
    }

    private static String error(String hocon) {
        return assertThrows(ConfigError.class, () -> Settings.validate("b", block(hocon), DEFAULTS, KEYS, Set.of("type")))
                .getMessage();
    }

    @Test
    void acceptsValidBlocksAndFillsDefaults() {
        Settings s = Settings.validate("b", block("b { beta = 2.5, dims = [4, 4], type = t }"), DEFAULTS, KEYS, Set.of("type"));
        assertEquals(2.5, s.getDouble("beta"));
        assertEquals(10, s.getInt("steps"));
        assertEquals(4, s.getIntArray("dims")[1]);
    }

    @Test
    void aPluginBlockOfAnotherTypeReplacesTheDefaultBlockAndKeysMayDeclareDefaults() {
        List<ConfigKey> keys = List.of(ConfigKey.of("network", KeyType.PLUGIN_BLOCK, "a network"),
                ConfigKey.atLeast("sweeps", KeyType.INT, 1, "sweeps").withDefault(2));
        Config defaults = ConfigFactory.parseString("network { type = conv, channels = [48, 48] }");
        Settings other = Settings.validate("t", ConfigFactory.parseString("network { type = affine }"), defaults, keys, Set.of());
        assertEquals(ConfigFactory.parseString("type = affine"), other.getBlock("network"));
        assertEquals(2, other.getInt("sweeps"));
        Settings same = Settings.validate("t", ConfigFactory.parseString("network { type = conv, channels = [4] }"), defaults, keys, Set.of());
        assertEquals(List.of(4), same.getBlock("network").getIntList("channels"));
        Settings none = Settings.validate("t", ConfigFactory.parseString("sweeps = 5"), defaults, keys, Set.of());
        assertEquals(List.of(48, 48), none.getBlock("network").getIntList("channels"));
        assertEquals(5, none.getInt("sweeps"));
    }

    @Test
    void namesTheLineAndTheProblemOfEachBadValue() {
        String m = error("b {\n beta = 2\n dims = [4, 4]\n bta = 3\n}");
        assertTrue(m.contains("line 4") || m.contains(":4"), m);
        assertTrue(m.contains("b.bta") && m.contains("unknown key") && m.contains("did you mean 'beta'"), m);
        m = error("b {\n beta = -1\n dims = [4, 4]\n}");
        assertTrue(m.contains("b.beta") && m.contains("must be > 0") && m.contains("2"), m);
        m = error("b { beta = \"hot\", dims = [4, 4] }");
        assertTrue(m.contains("expected a number"), m);
        m = error("b { beta = 1, dims = [4, 1] }");
        assertTrue(m.contains("b.dims") && m.contains(">= 2"), m);
        m = error("b { beta = 1, dims = [4, 4], steps = 2.5 }");
        assertTrue(m.contains("expected an integer"), m);
        m = error("b { dims = [4, 4] }");
        assertTrue(m.contains("missing required key 'beta'"), m);
        m = error("b { beta = 1, dims = [4, 4], steps = 0 }");
        assertTrue(m.contains("must be >= 1"), m);
    }

    @Test
    void runConfigRejectsMissingEmptyDirectoryAndMalformedFiles() throws IOException {
        assertTrue(assertThrows(ConfigError.class, () -> RunConfig.load(dir.resolve("nope.conf"), List.of()))
                .getMessage().contains("not found"));
        assertTrue(assertThrows(ConfigError.class, () -> RunConfig.load(dir, List.of())).getMessage().contains("directory"));
        Path empty = Files.writeString(dir.resolve("empty.conf"), "   \n# nothing\n");
        assertTrue(assertThrows(ConfigError.class, () -> RunConfig.load(empty, List.of())).getMessage().contains("empty"));
        Path broken = Files.writeString(dir.resolve("broken.conf"), "lattice {\n dims = [4, 4\n");
        String m = assertThrows(ConfigError.class, () -> RunConfig.load(broken, List.of())).getMessage();
        assertTrue(m.contains("broken.conf"), m);
        Path section = Files.writeString(dir.resolve("section.conf"), "lattice.dims = [4, 4]\nlatice.group = u1\n");
        m = assertThrows(ConfigError.class, () -> RunConfig.load(section, List.of())).getMessage();
        assertTrue(m.contains("section.conf:2") && m.contains("did you mean 'lattice'"), m);
    }

    @Test
    void setOverridesWinAndBadOnesAreReported() throws IOException {
        Path f = Files.writeString(dir.resolve("a.conf"), "hmc.seed = 1\n");
        RunConfig rc = RunConfig.load(f, List.of("hmc.seed=7", "lattice.dims=[3,3]"));
        assertEquals(7, rc.section("hmc").getInt("seed"));
        assertEquals(List.of(3, 3), rc.section("lattice").getIntList("dims"));
        assertThrows(ConfigError.class, () -> RunConfig.load(f, List.of("hmc.seed")));
        assertThrows(ConfigError.class, () -> RunConfig.load(f, List.of("hmc.seed=[1,")));
    }

    @Test
    void nearestNameSuggestsOnlyPlausibleTypos() {
        assertEquals("omelyan", NearestName.of("omelayn", List.of("leapfrog", "omelyan", "omelyan4")));
        assertEquals(null, NearestName.of("xyz", List.of("leapfrog", "omelyan")));
        assertEquals(2, NearestName.distance("kitten", "sitte"));
    }
}
