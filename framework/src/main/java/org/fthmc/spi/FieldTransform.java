package org.fthmc.spi;

import org.fthmc.field.LinkField;

/**
 * A field transformation U = F(V) for field-transformation HMC (docs/science.md §3): HMC samples V with
 * S_FT(V) = S(F(V)) − ln|det F_*(V)| and observables are measured on U = F(V). An instance belongs to one
 * {@link RunContext} and may keep scratch buffers: use it from one thread at a time.
 */
public interface FieldTransform {
    /** u ← F(v) (two distinct fields of the same shape); returns ln|det F_*(v)|. */
    double forward(LinkField v, LinkField u);

    /** u ← F(v) alone, for the force, which needs U but not ln J; a transform skips ln J here where that is cheaper. */
    default void map(LinkField v, LinkField u) {
        forward(v, u);
    }

    /** ln|det F_*(v)|. */
    double logJacobian(LinkField v);

    /**
     * v ← F⁻¹(u), layer by layer by fixed-point iteration to the transform's tolerance; throws
     * {@link org.fthmc.ConfigError} naming the layer when the iteration does not converge within its cap.
     */
    void inverse(LinkField u, LinkField v);

    /**
     * target += scale · F_FT(v), the force of S_FT at v, given u = F(v) (as {@link #forward} wrote it) and
     * {@code forceAtU}, the force of S at u (algebra components per link, as {@link GaugeAction#addForce} writes
     * them): the pull-back of forceAtU through F minus the derivative of ln|det F_*|. u comes from {@link #forward}
     * or {@link #map}.
     */
    void addPulledBackForce(LinkField v, LinkField u, double[] forceAtU, double scale, double[] target);

    /**
     * target += scale · F_FT(v) with S given as a DSL graph, computed where the transform's graphs run, so that
     * neither U nor the force of S crosses to the host; returns false where the transform does not do this (the
     * caller then maps v, computes the force of S itself and calls {@link #addPulledBackForce}). The transform may
     * compile S's gradient on first use of a graph.
     */
    default boolean addForce(LinkField v, GaugeAction.ActionGraph action, double scale, double[] target) {
        return false;
    }

    /** The trainable state (empty for a fixed map); its values can be changed in place and are used at once. */
    Weights weights();
}
