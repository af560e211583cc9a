package org.fthmc.plugins.observable;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.fthmc.dsl.CompiledGraph;
import org.fthmc.dsl.Input;
import org.fthmc.dsl.Node;
import org.fthmc.field.LinkField;
import org.fthmc.gauge.PlaquetteMeter;
import org.fthmc.gauge.SunDslAction;
import org.fthmc.gauge.SunLoops;
import org.fthmc.gauge.U1DslAction;
import org.fthmc.gauge.U1Loops;
import org.fthmc.group.SUN;
import org.fthmc.group.U1;
import org.fthmc.lattice.Lattice;
import org.fthmc.spi.Observable;
import org.fthmc.spi.ObservableFactory;
import org.fthmc.spi.RunContext;

/**
 * The built-in gauge observables: plaquette, rectangle and action density (U(1) and SU(N)), the Polyakov loop
 * (SU(N)) and the 2D U(1) topological charge.
 */
public final class GaugeObservables {
    private GaugeObservables() {
    }

    /** The factories of the built-in observables. */
    public static List<ObservableFactory> factories() {
        return List.of(
                new GaugeObservable("plaquette", "mean (1/N) Re tr U_P over all plaquettes (U(1): ⟨cos θ_P⟩)", 0,
                        GaugeObservables::plaquette, context -> sun(context, "plaquette", true)),
                new GaugeObservable("rectangle", "mean (1/N) Re tr U_R over all 2×1 rectangles, both orientations (U(1): ⟨cos θ_R⟩)", 0,
                        GaugeObservables::u1Rectangle, GaugeObservables::sunRectangle),
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

    /** U(1): 1 − Σ_R (1 − cos θ_R) / (D(D−1) V), from a compiled DSL graph of the angles. */
    static Observable u1Rectangle(RunContext context) {
        Lattice lattice = context.lattice();
        int d = lattice.dimensions();
        List<Input> theta = U1DslAction.angleInputs(d);
        CompiledGraph graph = CompiledGraph.compile(lattice, context.loops(), List.of(U1Loops.rectangleDensity(theta).sum()), theta);
        double[][] angles = new double[d][lattice.sites()];
        return observable("rectangle", u -> {
            u.exchangeHalos();
            for (int x = 0; x < lattice.sites(); x++) {
                for (int mu = 0; mu < d; mu++) {
                    angles[mu][x] = u.data()[x * d + mu];
                }
            }
            return 1 - graph.run(angles).getFirst()[0] / (d * (d - 1.0) * lattice.globalVolume());
        });
    }

    /** SU(N): 1 − Σ_R (1 − (1/N) Re tr R) / (D(D−1) V), from a compiled DSL graph of the link matrices. */
    static Observable sunRectangle(RunContext context) {
        Lattice lattice = context.lattice();
        int d = lattice.dimensions();
        SUN group = (SUN) context.group();
        List<Input> links = SunDslAction.linkInputs(d, group.n());
        CompiledGraph graph = CompiledGraph.compile(lattice, context.loops(), List.of(SunLoops.rectangleDensity(links).sum()), links);
        double[][] split = new double[d][lattice.sites() * group.storage()];
        return observable("rectangle", u -> 1 - graph.run(SunDslAction.split(u, split, context.loops())).getFirst()[0]
                / (d * (d - 1.0) * lattice.globalVolume()));
    }

    static Observable actionDensity(RunContext context) {
        return observable("action_density",
                u -> U1Plaquettes.sum(u, context, t -> 1 - Math.cos(t)) / u.lattice().globalVolume());
    }

    static Observable topologicalCharge(RunContext context) {
        return observable("topological_charge", u -> U1Plaquettes.sum(u, context, U1::wrap) / (2 * Math.PI));
    }

    /**
     * The SU(N) plaquette (mean (1/N) Re tr P) or action density, from a {@link PlaquetteMeter}.
     */
    static Observable sun(RunContext context, String column, boolean plaquette) {
        PlaquetteMeter meter = new PlaquetteMeter(context.lattice(), (SUN) context.group(), context.loops());
        return observable(column, u -> plaquette ? meter.averagePlaquette(u) : meter.density(u) / u.lattice().globalVolume());
    }

    /** An observable of the given column computed by f. */
    static Observable observable(String column, ToDoubleFunction<LinkField> f) {
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
