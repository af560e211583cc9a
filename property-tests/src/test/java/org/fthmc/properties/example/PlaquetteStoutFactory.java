package org.fthmc.properties.example;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.fthmc.config.ConfigKey;
import org.fthmc.config.KeyType;
import org.fthmc.config.Settings;
import org.fthmc.dsl.Input;
import org.fthmc.dsl.Node;
import org.fthmc.group.U1;
import org.fthmc.spi.RunContext;
import org.fthmc.spi.Weights;
import org.fthmc.transform.LayerChainFactory;
import org.fthmc.transform.TransformLayer;

/**
 * A 2D U(1) transform in one file: each layer moves the μ-links of a stride-2 sub-lattice by
 * θ' = θ − ε (sin P_μν(x) − sin P_μν(x−ν̂)), ε = (0.8/π) atan(w) with one trainable w per layer. The other links of
 * the two plaquettes are fixed, so the link's Jacobian is 1 + d, d = −ε (cos P_μν(x) + cos P_μν(x−ν̂)), |d| < 0.8.
 */
public final class PlaquetteStoutFactory extends LayerChainFactory {
    @Override
    public String name() {
        return "u1-plaquette-stout";
    }

    @Override
    public String doc() {
        return "example: 2D U(1) masked plaquette stout layers, one trainable coefficient each";
    }

    @Override
    protected List<ConfigKey> layerKeys() {
        return List.of(ConfigKey.atLeast("sweeps", KeyType.INT, 1, "sweeps of 8 layers").withDefault(1));
    }

    @Override
    protected String misfit(RunContext context) {
        boolean fits = context.group() == U1.INSTANCE && context.lattice().dimensions() == 2 && context.lattice().canTile(new int[] {2, 2});
        return fits ? null : "lattice.group = u1 in 2 dimensions with even extents";
    }

    @Override
    protected List<TransformLayer> layers(Settings settings, RunContext context, Weights weights, Random random) {
        List<TransformLayer> layers = new ArrayList<>();
        for (int i = 0; i < 8 * settings.getInt("sweeps"); i++) {
            int mu = i / 4 % 2;
            int nu = 1 - mu;
            Node updated = Node.mask(context.lattice(), context.lattice().strideSites(new int[] {2, 2}, new int[] {i % 2, i / 2 % 2}));
            Input w = weights.add("layer" + i + ".w", 1);
            weights.get(w.name()).values()[0] = 0.5 * random.nextGaussian();
            layers.add(theta -> {
                Node p = theta.get(mu).plus(theta.get(nu).shift(mu, 1)).minus(theta.get(mu).shift(nu, 1)).minus(theta.get(nu));
                Node epsilon = w.component(0).atan().times(0.8 / Math.PI);
                Node change = epsilon.times(p.sin().minus(p.sin().shift(nu, -1)));
                Node d = epsilon.times(p.cos().plus(p.cos().shift(nu, -1))).negate();
                List<Node> out = new ArrayList<>(theta);
                out.set(mu, theta.get(mu).minus(change.times(updated)));
                return new TransformLayer.Output(out, d.log1p().times(updated));
            });
        }
        return layers;
    }
}
