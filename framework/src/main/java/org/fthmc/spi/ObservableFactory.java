package org.fthmc.spi;

/** Factory of an {@link Observable} plugin (an entry of {@code measurements.observables}). */
public interface ObservableFactory extends PluginFactory<Observable> {
}
