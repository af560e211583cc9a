package org.fthmc.spi;

/** Factory of a training-loss plugin ({@code train.loss { type = ... }}). */
public interface LossFactory extends PluginFactory<Loss> {
}
