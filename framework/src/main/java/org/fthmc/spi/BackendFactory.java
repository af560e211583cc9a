package org.fthmc.spi;

/** Factory of a {@link Backend} plugin ({@code backend.type}). */
public interface BackendFactory extends PluginFactory<Backend> {
}
