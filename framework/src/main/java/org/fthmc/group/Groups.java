package org.fthmc.group;

import java.util.List;

/** The gauge groups fthmc knows, by config name ({@code lattice.group}). */
public final class Groups {
    private static final List<LinkGroup> ALL = List.of(U1.INSTANCE);

    private Groups() {
    }

    public static List<LinkGroup> all() {
        return ALL;
    }

    public static List<String> names() {
        return ALL.stream().map(LinkGroup::name).toList();
    }
}
