package org.fthmc.plugins.transform;

import java.util.List;
import org.fthmc.config.ConfigKey;
import org.fthmc.config.Settings;
import org.fthmc.spi.FieldTransform;
import org.fthmc.spi.RunContext;
import org.fthmc.spi.TransformFactory;
import org.fthmc.transform.IdentityTransform;

/** Registers {@code transform.type = identity}: F(V) = V, any group (FT-HMC then equals plain HMC). */
public final class IdentityTransformFactory implements TransformFactory {
    @Override
    public String name() {
        return "identity";
    }

    @Override
    public String doc() {
        return "the identity map (FT-HMC equals plain HMC): a check and a baseline";
    }

    @Override
    public List<ConfigKey> keys() {
        return List.of();
    }

    @Override
    public FieldTransform create(Settings settings, RunContext context) {
        return new IdentityTransform();
    }
}
