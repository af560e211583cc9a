package org.fthmc.spi;

import com.google.inject.Module;

/**
 * A Guice module that registers plugins. Implementations are listed in
 * {@code META-INF/services/org.fthmc.spi.FthmcModule} and found with {@link java.util.ServiceLoader}, so a jar on
 * the class path adds plugins without touching the framework. Register with {@link Plugins#actions} etc.
 */
public interface FthmcModule extends Module {
}
