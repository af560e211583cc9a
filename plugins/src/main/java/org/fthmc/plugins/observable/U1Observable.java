package org.fthmc.plugins.observable;

import java.util.List;
import java.util.function.Function;
import org.fthmc.config.ConfigKey;
import org.fthmc.config.Settings;
import org.fthmc.group.U1;
import org.fthmc.spi.Observable;
import org.fthmc.spi.ObservableFactory;
import org.fthmc.spi.RunContext;

/** A keyless U(1) observable factory: name, doc, the dimensions it needs, and how to build it for a run. */
record U1Observable(String name, String doc, int requiredDimension, Function<RunContext, Observable> builder)
        implements ObservableFactory {

    /** Any dimension. */
    static U1Observable anyDimension(String name, String doc, Function<RunContext, Observable> builder) {
        return new U1Observable(name, doc, 0, builder);
    }

    @Override
    public List<ConfigKey> keys() {
        return List.of();
    }

    @Override
    public Observable create(Settings settings, RunContext context) {
        if (context.group() != U1.INSTANCE) {
            throw settings.error("type", name + " is implemented for lattice.group = u1 only");
        }
        if (requiredDimension > 0 && context.lattice().dimensions() != requiredDimension) {
            throw settings.error("type", name + " needs a " + requiredDimension + "-dimensional lattice");
        }
        return builder.apply(context);
    }
}
