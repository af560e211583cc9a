package org.fthmc.group;

import java.util.List;
import java.util.Optional;

/** The gauge groups fthmc knows, by config name ({@code lattice.group}): u1, and suN for N ≥ 2 (su2, su3, ...). */
public final class Groups {
    private Groups() {
    }

    /** The group with this config name, if any. */
    public static Optional<LinkGroup> byName(String name) {
        if (name.equals(U1.INSTANCE.name())) {
            return Optional.of(U1.INSTANCE);
        }
        if (name.matches("su[1-9][0-9]?")) {
            int n = Integer.parseInt(name.substring(2));
            if (n >= 2) {
                return Optional.of(SUN.of(n));
            }
        }
        return Optional.empty();
    }

    /** Names to suggest and list in messages. */
    public static List<String> names() {
        return List.of("u1", "su2", "su3");
    }
}
