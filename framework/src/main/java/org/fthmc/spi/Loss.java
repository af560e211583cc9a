package org.fthmc.spi;

import java.util.List;
import org.fthmc.dsl.Node;

/**
 * A training objective on the force mismatch of a field transformation (docs/science.md §3.2): a global DSL scalar of
 * the per-link |ΔF|², ΔF = F_FT(V) − (β_t/β) F_S(V). Written in the DSL, so the weight gradient of any loss comes from
 * automatic differentiation (third derivatives of the loops) without code of its own.
 */
public interface Loss {
    /**
     * The loss as a graph of the per-direction real fields |ΔF_μ(x)|² = Σ_a ΔF_a² (one per direction) and the number
     * of links N (for means).
     */
    Node of(List<Node> squaredMismatch, double links);
}
