package org.fthmc.plugins.observable;

import java.util.List;
import org.fthmc.field.LinkField;
import org.fthmc.group.U1;
import org.fthmc.spi.Observable;
import org.fthmc.spi.ObservableFactory;
import org.fthmc.spi.RunContext;

/** The built-in U(1) observables: plaquette, action density and (in 2D) the topological charge. */
public final class U1Observables {
    private U1Observables() {
    }

    /** The factories of the U(1) observables. */
    public static List<ObservableFactory> factories() {
        return List.of(
                U1Observable.anyDimension("plaquette", "mean Re U_P = ⟨cos θ_P⟩ over all plaquettes", U1Observables::plaquette),
                U1Observable.anyDimension("action-density",
                        "Σ_P (1 − cos θ_P) / V: the Wilson action per site without β", U1Observables::actionDensity),
                new U1Observable("topological-charge", "Q = (1/2π) Σ_x wrap(θ_P(x)), wrap into (−π, π]; 2D only", 2,
                        U1Observables::topologicalCharge));
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

    private static Observable observable(String column, java.util.function.ToDoubleFunction<LinkField> f) {
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
