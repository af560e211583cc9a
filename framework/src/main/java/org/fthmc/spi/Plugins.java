package org.fthmc.spi;

import com.google.inject.Binder;
import com.google.inject.multibindings.MapBinder;

/** The map binders through which modules register named plugin factories. */
public final class Plugins {
    private Plugins() {
    }

    public static MapBinder<String, ActionFactory> actions(Binder binder) {
        return MapBinder.newMapBinder(binder, String.class, ActionFactory.class);
    }

    public static MapBinder<String, IntegratorFactory> integrators(Binder binder) {
        return MapBinder.newMapBinder(binder, String.class, IntegratorFactory.class);
    }

    public static MapBinder<String, ObservableFactory> observables(Binder binder) {
        return MapBinder.newMapBinder(binder, String.class, ObservableFactory.class);
    }

    public static MapBinder<String, TransformFactory> transforms(Binder binder) {
        return MapBinder.newMapBinder(binder, String.class, TransformFactory.class);
    }

    public static MapBinder<String, NetworkFactory> networks(Binder binder) {
        return MapBinder.newMapBinder(binder, String.class, NetworkFactory.class);
    }

    public static MapBinder<String, LossFactory> losses(Binder binder) {
        return MapBinder.newMapBinder(binder, String.class, LossFactory.class);
    }

    public static MapBinder<String, BackendFactory> backends(Binder binder) {
        return MapBinder.newMapBinder(binder, String.class, BackendFactory.class);
    }
}
