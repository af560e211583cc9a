package org.fthmc.spi;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** Every plugin factory on the class path, by kind and name, collected by Guice from the discovered modules. */
public final class PluginRegistry {
    private final Map<PluginKind, Map<String, ? extends PluginFactory<?>>> byKind;

    @Inject
    PluginRegistry(Map<String, ActionFactory> actions, Map<String, IntegratorFactory> integrators,
                   Map<String, ObservableFactory> observables, Map<String, TransformFactory> transforms,
                   Map<String, NetworkFactory> networks, Map<String, LossFactory> losses,
                   Map<String, BackendFactory> backends) {
        byKind = Map.of(PluginKind.ACTION, new TreeMap<>(actions), PluginKind.INTEGRATOR, new TreeMap<>(integrators),
                PluginKind.OBSERVABLE, new TreeMap<>(observables), PluginKind.TRANSFORM, new TreeMap<>(transforms),
                PluginKind.NETWORK, new TreeMap<>(networks), PluginKind.LOSS, new TreeMap<>(losses),
                PluginKind.BACKEND, new TreeMap<>(backends));
    }

    /** Loads every {@link FthmcModule} listed through ServiceLoader and builds the registry. */
    public static PluginRegistry discover() {
        List<com.google.inject.Module> modules = new ArrayList<>();
        modules.add(new AbstractModule() {
            @Override
            protected void configure() {
                Plugins.actions(binder());
                Plugins.integrators(binder());
                Plugins.observables(binder());
                Plugins.transforms(binder());
                Plugins.networks(binder());
                Plugins.losses(binder());
                Plugins.backends(binder());
            }
        });
        ServiceLoader.load(FthmcModule.class).forEach(modules::add);
        return Guice.createInjector(modules).getInstance(PluginRegistry.class);
    }

    /** The factories of one kind, sorted by name. */
    @SuppressWarnings("unchecked")
    public <T> Map<String, PluginFactory<T>> factories(PluginKind kind) {
        return (Map<String, PluginFactory<T>>) byKind.get(kind);
    }
}
