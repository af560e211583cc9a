package org.fthmc.spi;

/** Factory of an {@link Integrator} plugin ({@code integrator.type}). */
public interface IntegratorFactory extends PluginFactory<Integrator> {
}
