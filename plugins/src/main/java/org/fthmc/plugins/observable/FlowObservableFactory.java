package org.fthmc.plugins.observable;

import java.util.ArrayList;
import java.util.List;
import org.fthmc.config.ConfigKey;
import org.fthmc.config.KeyType;
import org.fthmc.config.Settings;
import org.fthmc.group.SUN;
import org.fthmc.measure.WilsonFlow;
import org.fthmc.spi.Observable;
import org.fthmc.spi.ObservableFactory;
import org.fthmc.spi.RunContext;

/**
 * Observables of the Wilson-flowed field (Lüscher RK3, driven by the hand-written Wilson staple force):
 * {@code flow-t2e}, t²E(t) at flow time t (plaquette or clover E), and {@code flow-charge}, the clover topological
 * charge at flow time t (4D). A measurement flows a copy of the field, once for all the flow observables of a run
 * that share t and step ({@link SharedFlow}); listed only when asked for.
 */
public final class FlowObservableFactory implements ObservableFactory {
    private final boolean charge;
    final SharedFlow flows;

    FlowObservableFactory(boolean charge, SharedFlow flows) {
        this.charge = charge;
        this.flows = flows;
    }

    /** {@code flow-t2e} and {@code flow-charge}, sharing their flows. */
    public static List<ObservableFactory> factories() {
        SharedFlow flows = new SharedFlow();
        return List.of(new FlowObservableFactory(false, flows), new FlowObservableFactory(true, flows));
    }

    @Override
    public String name() {
        return charge ? "flow-charge" : "flow-t2e";
    }

    @Override
    public String doc() {
        return charge ? "clover topological charge Q of the Wilson-flowed field at flow time t; 4D SU(N) only"
                : "t^2 E(t) of the Wilson flow (Lüscher RK3; plaquette or clover E) at flow time t; SU(N) only";
    }

    /** A flow per measurement is costly: only when listed. */
    @Override
    public boolean byDefault() {
        return false;
    }

    @Override
    public List<ConfigKey> keys() {
        List<ConfigKey> keys = new ArrayList<>(List.of(ConfigKey.positive("t", KeyType.DOUBLE, "flow time in lattice units"),
                ConfigKey.positive("step", KeyType.DOUBLE, "RK3 step ε")));
        if (!charge) {
            keys.add(ConfigKey.oneOf("definition", "E from plaquettes or from the clover field strength", "plaquette", "clover"));
        }
        return keys;
    }

    @Override
    public Observable create(Settings settings, RunContext context) {
        if (!(context.group() instanceof SUN)) {
            throw settings.error("type", name() + " needs lattice.group = suN, not " + context.group().name());
        }
        if (charge && context.lattice().dimensions() != 4) {
            throw settings.error("type", "flow-charge needs a 4-dimensional lattice, not " + context.lattice().dimensions() + "-dimensional");
        }
        boolean clover = !charge && parseDefinition(settings);
        double t = settings.getDouble("t");
        double step = settings.getDouble("step");
        String column = charge ? "flow_q" : clover ? "flow_t2e_clover" : "flow_t2e";
        return GaugeObservables.observable(column, u -> {
            WilsonFlow.Point end = flows.endPoint(context, u, step, t);
            return charge ? end.charge() : clover ? end.t2eClover() : end.t2e();
        });
    }

    private static boolean parseDefinition(Settings settings) {
        return settings.getString("definition").equals("clover");
    }
}
