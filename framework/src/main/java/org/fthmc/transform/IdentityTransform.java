package org.fthmc.transform;

import org.fthmc.field.LinkField;
import org.fthmc.spi.FieldTransform;
import org.fthmc.spi.Weights;

/** F(V) = V for any group: FT-HMC with it is plain HMC (a check of the FT machinery, and a baseline). */
public final class IdentityTransform implements FieldTransform {
    private final Weights weights = new Weights();

    @Override
    public double forward(LinkField v, LinkField u) {
        System.arraycopy(v.data(), 0, u.data(), 0, v.data().length);
        return 0;
    }

    @Override
    public double logJacobian(LinkField v) {
        return 0;
    }

    @Override
    public void inverse(LinkField u, LinkField v) {
        System.arraycopy(u.data(), 0, v.data(), 0, u.data().length);
    }

    @Override
    public void addPulledBackForce(LinkField v, LinkField u, double[] forceAtU, double scale, double[] target) {
        for (int i = 0; i < target.length; i++) {
            target[i] += scale * forceAtU[i];
        }
    }

    @Override
    public Weights weights() {
        return weights;
    }
}
