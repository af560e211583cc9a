package org.fthmc.io;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The gauge configurations of other codes, kept in the repository under testdata/peer-configs. */
final class PeerConfigs {
    private PeerConfigs() {
    }

    /** The directory; its absence is a broken checkout, and a failure, never a skip. */
    static Path directory() {
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !Files.isDirectory(root.resolve("testdata"))) {
            root = root.getParent();
        }
        Path peers = root == null ? Path.of("testdata", "peer-configs") : root.resolve("testdata").resolve("peer-configs");
        assertTrue(Files.isDirectory(peers), "no peer configurations at " + peers + ": the checkout lacks testdata/");
        return peers;
    }
}
