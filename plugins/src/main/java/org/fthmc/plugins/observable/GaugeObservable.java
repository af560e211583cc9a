package org.fthmc.plugins.observable;

import java.util.List;
import java.util.function.Function;
import org.fthmc.config.ConfigKey;
import org.fthmc.config.Settings;
import org.fthmc.group.SUN;
import org.fthmc.group.U1;
import org.fthmc.spi.Observable;
import org.fthmc.spi.ObservableFactory;
import org.fthmc.spi.RunContext;

/**
 * A keyless observable factory with one implementation per group family (U(1); SU(N), or none) and optionally a
 * required dimension, and whether it works on a lattice split over processes; it refuses, with a config error, a
 * run it has no implementation for.
 */
record GaugeObservable(String name, String doc, int requiredDimension, Function<RunContext, Observable> u1,
                       Function<RunContext, Observable> sun, boolean distributed) implements ObservableFactory {
    GaugeObservable(String name, String doc, int requiredDimension, Function<RunContext, Observable> u1,
                    Function<RunContext, Observable> sun) {
        this(name, doc, requiredDimension, u1, sun, true);
    }

    @Override
    public List<ConfigKey> keys() {
        return List.of();
    }

    @Override
    public Observable create(Settings settings, RunContext context) {
        if (requiredDimension > 0 && context.lattice().dimensions() != requiredDimension) {
            throw settings.error("type", name + " needs a " + requiredDimension + "-dimensional lattice");
        }
        Function<RunContext, Observable> builder = context.group() == U1.INSTANCE ? u1 : context.group() instanceof SUN ? sun : null;
        if (builder == null) {
            throw settings.error("type", name + " is not implemented for lattice.group = " + context.group().name());
        }
        if (!distributed && context.lattice().haloDepth() > 0) {
            throw settings.error("type", name + " is not implemented for a lattice split over processes (lattice.ranks)");
        }
        return builder.apply(context);
    }
}
