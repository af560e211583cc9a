package org.fthmc.spi;

/** The kinds of plugin, by the name used in reference.conf ({@code fthmc.plugins.<kind>}) and in messages. */
public enum PluginKind {
    ACTION("action"), INTEGRATOR("integrator"), OBSERVABLE("observable"), TRANSFORM("transform"), NETWORK("network"),
    LOSS("loss"), BACKEND("backend");

    private final String key;

    PluginKind(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
