package org.fthmc.spi;

/** Factory of a {@link GaugeAction} plugin ({@code action.type}). */
public interface ActionFactory extends PluginFactory<GaugeAction> {
}
