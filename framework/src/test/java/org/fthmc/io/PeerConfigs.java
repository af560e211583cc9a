package org.fthmc.io;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The gauge configurations of other codes in ../shared/peer-configs (beside the clone, as in CI). */
final class PeerConfigs {
    private PeerConfigs() {
    }

    /** The directory; the calling test is skipped, with a visible reason, when it is absent. */
    static Path directory() {
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !Files.exists(root.resolve("README.md"))) {
            root = root.getParent();
        }
        Path peers = root == null ? Path.of("missing") : root.resolveSibling("shared").resolve("peer-configs");
        assumeTrue(Files.isDirectory(peers), "SKIPPED: no peer configurations at " + peers + " (shared/ beside the clone)");
        return peers;
    }
}
