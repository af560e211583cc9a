package org.fthmc.spi;

import org.fthmc.field.LinkField;

/**
 * A gauge action S[U] and its force, the left derivative F = Σ_a (∂_a S) T_a of SCIENCE.md §1, as algebra
 * components per link ({@code group.algebraDimension()} doubles per link, link index = site · D + μ).
 * An instance belongs to one {@link RunContext} and may keep scratch buffers: use it from one thread at a time.
 */
public interface GaugeAction {
    /** S[U], reduced over all processes. */
    double action(LinkField u);

    /** target += scale · F[U]; the molecular-dynamics kick P ← P − ε F is {@code addForce(u, -ε, p)}. */
    void addForce(LinkField u, double scale, double[] target);

    /** A heat-bath updater for this action, when it has one ({@code hmc.updater = heatbath}). */
    default java.util.Optional<QuenchedUpdater> heatBath() {
        return java.util.Optional.empty();
    }
}
