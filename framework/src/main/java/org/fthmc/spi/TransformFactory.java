package org.fthmc.spi;

/** Factory of a {@link FieldTransform} plugin ({@code transform.type}). */
public interface TransformFactory extends PluginFactory<FieldTransform> {
}
