package org.fthmc.spi;

import org.fthmc.dsl.Node;
import org.fthmc.spi.Weights;

/**
 * A network that turns a per-site feature vector into a per-site coefficient vector, written in the DSL, so that
 * its derivatives (for the forces of S_FT and, in training, for the weight gradients) come for free. It registers
 * its weights in the transform's {@link Weights} when built and initialises them reproducibly from a seed.
 */
public interface CoefficientNetwork {
    /** Length of the feature vector it reads. */
    int inputs();

    /** Length of the coefficient vector it returns. */
    int outputs();

    /** The per-site output vector as a graph of the per-site input vector (a field of {@link #inputs()}-vectors). */
    Node apply(Node features);
}
