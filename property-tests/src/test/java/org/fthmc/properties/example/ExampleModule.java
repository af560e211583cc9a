package org.fthmc.properties.example;

import com.google.inject.AbstractModule;
import org.fthmc.spi.FthmcModule;
import org.fthmc.spi.Plugins;

/** Registers the example transform and network of docs/writing-plugins.md, so that the property suite checks them like any other. */
public final class ExampleModule extends AbstractModule implements FthmcModule {
    @Override
    protected void configure() {
        Plugins.transforms(binder()).addBinding("u1-plaquette-stout").toInstance(new PlaquetteStoutFactory());
        Plugins.networks(binder()).addBinding("affine").toInstance(new AffineNetworkFactory());
    }
}
