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

    /**
     * The loss over the links of the sites where {@code counted} (a real field of 0 and 1, the same for every
     * direction) is 1, N = {@code links} of them: a training patch's interior ({@code train.patch}). The
     * default multiplies each |ΔF_μ|² by it, right for losses made of sums and maxima of powers of |ΔF|, which a link
     * with ΔF = 0 does not change; a loss that such a link would change (log-mean-exp) overrides it.
     */
    default Node of(List<Node> squaredMismatch, Node counted, double links) {
        return of(squaredMismatch.stream().map(s -> s.times(counted)).toList(), links);
    }
}
