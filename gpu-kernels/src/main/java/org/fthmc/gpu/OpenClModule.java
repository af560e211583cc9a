package org.fthmc.gpu;

import com.google.inject.AbstractModule;
import org.fthmc.spi.FthmcModule;
import org.fthmc.spi.Plugins;

/** Registers the OpenCL backend; found through META-INF/services/org.fthmc.spi.FthmcModule. */
public final class OpenClModule extends AbstractModule implements FthmcModule {
    @Override
    protected void configure() {
        OpenClBackendFactory factory = new OpenClBackendFactory();
        Plugins.backends(binder()).addBinding(factory.name()).toInstance(factory);
    }
}
