package org.fthmc.spi;


/**
 * Factory of a coefficient-network plugin ({@code network { type = ... }} inside a transform block): from its
 * validated block it makes a {@link Builder}, which a transform calls once per layer.
 */
public interface NetworkFactory extends PluginFactory<NetworkFactory.Builder> {
    /** Builds one network, registering its weights in {@code weights} under {@code prefix}, initialised from seed. */
    @FunctionalInterface
    interface Builder {
        CoefficientNetwork build(Weights weights, String prefix, int inputs, int outputs, long seed);
    }
}
