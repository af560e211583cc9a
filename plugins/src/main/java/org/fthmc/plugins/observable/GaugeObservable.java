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
 * required dimension; it refuses, with a config error, a run it has no implementation for.
 */
record GaugeObservable(String name, String doc, int requiredDimension, Function<RunContext, Observable> u1,
                       Function<RunContext, Observable> sun) implements ObservableFactory {

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
        return builder.apply(context);
    }
}
