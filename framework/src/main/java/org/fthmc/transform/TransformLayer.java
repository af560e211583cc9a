package org.fthmc.transform;

import java.util.List;
import org.fthmc.dsl.Node;

/**
 * One layer of a field transformation written in the DSL: the new links as graphs of the layer's input links
 * (U(1): one angle field per direction) and of the weights the layer registered, with the per-site density of
 * ln|det| of the layer's Jacobian. A chain of layers ({@link U1LayerChain}) derives everything else: the whole map,
 * ln J, the inverse and the force of S_FT. The generic inverse iterates x ← x + (y − f(x)) per layer, which
 * converges when each updated link's Jacobian block is 1 + d with |d| < 1 (as for the masked stout layers).
 */
public interface TransformLayer {
    /** The layer's output links and the per-site ln|det| of its Jacobian (a real field). */
    record Output(List<Node> links, Node logDetDensity) {
    }

    Output apply(List<Node> links);
}
