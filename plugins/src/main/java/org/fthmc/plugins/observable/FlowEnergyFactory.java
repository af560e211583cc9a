package org.fthmc.plugins.observable;

import java.util.List;
import org.fthmc.config.ConfigKey;
import org.fthmc.config.KeyType;
import org.fthmc.config.Settings;
import org.fthmc.field.LinkField;
import org.fthmc.group.SUN;
import org.fthmc.measure.WilsonFlow;
import org.fthmc.spi.Observable;
import org.fthmc.spi.ObservableFactory;
import org.fthmc.spi.RunContext;

/** Registers the observable {@code flow-t2e}: t²E(t) of the Wilson flow at a given flow time (plaquette E). */
public final class FlowEnergyFactory implements ObservableFactory {
    @Override
    public String name() {
        return "flow-t2e";
    }

    @Override
    public String doc() {
        return "t^2 E(t) of the Wilson flow (Lüscher RK3, plaquette E) at flow time t; SU(N) only";
    }

    /** A flow per measurement is costly: only when listed. */
    @Override
    public boolean byDefault() {
        return false;
    }

    @Override
    public List<ConfigKey> keys() {
        return List.of(ConfigKey.positive("t", KeyType.DOUBLE, "flow time in lattice units"),
                ConfigKey.positive("step", KeyType.DOUBLE, "RK3 step ε"));
    }

    @Override
    public Observable create(Settings settings, RunContext context) {
        if (!(context.group() instanceof SUN)) {
            throw settings.error("type", "flow-t2e needs lattice.group = suN, not " + context.group().name());
        }
        double t = settings.getDouble("t");
        double step = settings.getDouble("step");
        WilsonFlow flow = new WilsonFlow(LinkField.cold(context.lattice(), context.group()), context.loops());
        return new Observable() {
            @Override
            public String column() {
                return "flow_t2e";
            }

            @Override
            public double measure(LinkField u) {
                List<WilsonFlow.Point> points = flow.flow(u.copy(), step, t);
                return points.getLast().t2e();
            }
        };
    }
}
