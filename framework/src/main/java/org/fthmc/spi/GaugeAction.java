package org.fthmc.spi;

import org.fthmc.dsl.Input;

import java.util.Map;
import java.util.Optional;
import org.fthmc.field.LinkField;

/**
 * A gauge action S[U] and its force, the left derivative F = Σ_a (∂_a S) T_a of docs/science.md §1, as algebra
 * components per link ({@code group.algebraDimension()} doubles per link, link index = site · D + μ).
 * An instance belongs to one {@link RunContext} and may keep scratch buffers: use it from one thread at a time.
 */
public interface GaugeAction {
    /** The name of the single term of an action that does not split: {@code S = S_all}. */
    String WHOLE = "all";

    /** S[U], reduced over all processes. */
    double action(LinkField u);

    /** target += scale · F[U]; the molecular-dynamics kick P ← P − ε F is {@code addForce(u, -ε, p)}. */
    void addForce(LinkField u, double scale, double[] target);

    /** A heat-bath updater for this action, when it has one ({@code hmc.updater = heatbath}). */
    default Optional<QuenchedUpdater> heatBath() {
        return Optional.empty();
    }

    /**
     * The named terms S = Σ_i S_i this action splits into, for a multi-time-scale integrator that puts them on
     * different step sizes (in a stable order). By default one term, {@value #WHOLE}: the action itself.
     */
    default Map<String, GaugeAction> terms() {
        return Map.of(WHOLE, this);
    }

    /** S as a DSL graph of link inputs (U(1): angle fields; SU(N): matrix fields), one per direction. */
    record ActionGraph(java.util.List<org.fthmc.dsl.Input> links, org.fthmc.dsl.Node action) {
    }

    /**
     * S as a DSL graph, for actions written in (or expressible in) the DSL: what a training loss differentiates
     * (the S_FT force of HMC does not need it). Empty by default.
     */
    default Optional<ActionGraph> graph() {
        return Optional.empty();
    }
}
