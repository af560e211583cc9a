package org.fthmc.plugins.observable;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.fthmc.field.LinkField;
import org.fthmc.group.SUN;
import org.fthmc.group.U1;
import org.fthmc.measure.PlaquetteMeter;
import org.fthmc.measure.SunLoops;
import org.fthmc.spi.Observable;
import org.fthmc.spi.ObservableFactory;
import org.fthmc.spi.RunContext;

/**
 * The built-in gauge observables: plaquette and action density (U(1) and SU(N)), the Polyakov loop (SU(N)) and the
 * 2D U(1) topological charge.
 */
public final class GaugeObservables {
    private GaugeObservables() {
    }

    /** The factories of the built-in observables. */
    public static List<ObservableFactory> factories() {
        return List.of(
                new GaugeObservable("plaquette", "mean (1/N) Re tr U_P over all plaquettes (U(1): ⟨cos θ_P⟩)", 0,
                        GaugeObservables::plaquette, context -> sun(context, "plaquette", true)),
                new GaugeObservable("action-density", "Σ_P (1 − (1/N) Re tr U_P) / V: the Wilson action per site without β", 0,
                        GaugeObservables::actionDensity, context -> sun(context, "action_density", false)),
                new GaugeObservable("polyakov-loop", "|spatial mean of (1/N) tr of the Polyakov loop| along the last direction", 0,
                        null, context -> observable("polyakov_loop", SunLoops::polyakovLoop)),
                new GaugeObservable("topological-charge", "Q = (1/2π) Σ_x wrap(θ_P(x)), wrap into (−π, π]; 2D U(1) only", 2,
                        GaugeObservables::topologicalCharge, null));
    }

    static Observable plaquette(RunContext context) {
        return observable("plaquette",
                u -> U1Plaquettes.sum(u, context, Math::cos) / U1Plaquettes.count(u.lattice()));
    }

    static Observable actionDensity(RunContext context) {
        return observable("action_density",
                u -> U1Plaquettes.sum(u, context, t -> 1 - Math.cos(t)) / u.lattice().volume());
    }

    static Observable topologicalCharge(RunContext context) {
        return observable("topological_charge", u -> U1Plaquettes.sum(u, context, U1::wrap) / (2 * Math.PI));
    }

    /**
     * The SU(N) plaquette (mean (1/N) Re tr P) or action density, from a {@link PlaquetteMeter}.
     */
    static Observable sun(RunContext context, String column, boolean plaquette) {
        PlaquetteMeter meter = new PlaquetteMeter(context.lattice(), (SUN) context.group(), context.loops(), context.communicator());
        return observable(column, u -> plaquette ? meter.averagePlaquette(u) : meter.density(u) / u.lattice().volume());
    }

    private static Observable observable(String column, ToDoubleFunction<LinkField> f) {
        return new Observable() {
            @Override
            public String column() {
                return column;
            }

            @Override
            public double measure(LinkField u) {
                return f.applyAsDouble(u);
            }
        };
    }
}
