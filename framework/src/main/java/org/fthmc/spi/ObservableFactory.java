package org.fthmc.spi;

/** Factory of an {@link Observable} plugin (an entry of {@code measurements.observables}). */
public interface ObservableFactory extends PluginFactory<Observable> {
    /** Whether runs and {@code fthmc measure} include it when no observables are listed (false for costly ones). */
    default boolean byDefault() {
        return true;
    }
}
