package org.fthmc.plugins;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import org.fthmc.plugins.action.SunImprovedActionFactory;
import org.fthmc.plugins.action.SunWilsonActionFactory;
import org.fthmc.plugins.action.U1ImprovedActionFactory;
import org.fthmc.plugins.action.U1WilsonActionFactory;
import org.fthmc.plugins.backend.HostBackendFactory;
import org.fthmc.plugins.integrator.LeapfrogFactory;
import org.fthmc.plugins.integrator.NestedFactory;
import org.fthmc.plugins.integrator.Omelyan2mnFactory;
import org.fthmc.plugins.integrator.Omelyan4mnFactory;
import org.fthmc.plugins.loss.LogMeanExpLossFactory;
import org.fthmc.plugins.loss.NormLossFactory;
import org.fthmc.plugins.observable.FlowObservableFactory;
import org.fthmc.plugins.observable.GaugeObservables;
import org.fthmc.spi.ActionFactory;
import org.fthmc.spi.FthmcModule;
import org.fthmc.spi.IntegratorFactory;
import org.fthmc.spi.LossFactory;
import org.fthmc.spi.ObservableFactory;
import org.fthmc.spi.Plugins;
import org.fthmc.spi.TransformFactory;
import org.fthmc.plugins.transform.IdentityTransformFactory;
import org.fthmc.plugins.transform.ConvNetFactory;
import org.fthmc.plugins.transform.SunStoutFactory;
import org.fthmc.plugins.transform.U1MaskedStoutFactory;

/** Registers the built-in plugins; found through META-INF/services/org.fthmc.spi.FthmcModule. */
public final class BuiltinPluginsModule extends AbstractModule implements FthmcModule {
    @Override
    protected void configure() {
        MapBinder<String, ActionFactory> actions = Plugins.actions(binder());
        add(actions, new U1WilsonActionFactory());
        add(actions, new U1ImprovedActionFactory());
        add(actions, new SunWilsonActionFactory());
        add(actions, new SunImprovedActionFactory());

        MapBinder<String, IntegratorFactory> integrators = Plugins.integrators(binder());
        add(integrators, new LeapfrogFactory());
        add(integrators, new Omelyan2mnFactory());
        add(integrators, new Omelyan4mnFactory());
        add(integrators, new NestedFactory());

        MapBinder<String, ObservableFactory> observables = Plugins.observables(binder());
        GaugeObservables.factories().forEach(f -> add(observables, f));
        FlowObservableFactory.factories().forEach(f -> add(observables, f));

        MapBinder<String, TransformFactory> transforms = Plugins.transforms(binder());
        add(transforms, new IdentityTransformFactory());
        add(transforms, new U1MaskedStoutFactory());
        SunStoutFactory.factories().forEach(f -> add(transforms, f));

        add(Plugins.networks(binder()), new ConvNetFactory());

        MapBinder<String, LossFactory> losses = Plugins.losses(binder());
        add(losses, new NormLossFactory());
        add(losses, new LogMeanExpLossFactory());

        add(Plugins.backends(binder()), HostBackendFactory.compiled());
        add(Plugins.backends(binder()), HostBackendFactory.interpreted());
    }

    private static <F extends org.fthmc.spi.PluginFactory<?>> void add(MapBinder<String, F> binder, F factory) {
        binder.addBinding(factory.name()).toInstance(factory);
    }
}
