package org.fthmc.plugins.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.fthmc.comm.SingleProcessCommunicator;
import org.fthmc.dsl.Node;
import org.fthmc.field.LinkField;
import org.fthmc.group.SUN;
import org.fthmc.group.U1;
import org.fthmc.lattice.Lattice;
import org.fthmc.parallel.SiteLoops;
import org.fthmc.spi.FieldTransform;
import org.fthmc.spi.RunContext;
import org.fthmc.transform.ConvNet;
import org.fthmc.transform.LayerChain;
import org.fthmc.transform.SunLayerChain;
import org.fthmc.transform.TransformLayer;
import org.fthmc.transform.U1LayerChain;
import org.fthmc.spi.Weights;
import org.junit.jupiter.api.Test;

/**
 * A chain that records its layers' primal values for the pull-backs (a tape) gives bit for bit the map, ln J and
 * S_FT force of the same chain recomputing them (tape budget 0), for the U(1) and the SU(N) layers.
 */
class TapeTest {
    private static void assertSameChain(LayerChain taped, LayerChain recomputing, LinkField v, long seed) {
        LinkField ua = new LinkField(v.lattice(), v.group());
        LinkField ub = new LinkField(v.lattice(), v.group());
        assertEquals(taped.forward(v, ua), recomputing.forward(v, ub), 0);
        assertEquals(0, ua.maxDistance(ub));
        LinkField w = LinkField.hot(v.lattice(), v.group(), seed, 3);
        for (FieldTransform t : List.of(taped, recomputing)) {
            t.map(w, ub); // the force at v must not use what mapping w left behind
        }
        double[] forceAtU = new double[v.lattice().links() * v.group().algebraDimension()];
        for (int i = 0; i < forceAtU.length; i++) {
            forceAtU[i] = Math.sin(0.7 * i + seed);
        }
        double[] a = new double[forceAtU.length];
        double[] b = new double[forceAtU.length];
        taped.addPulledBackForce(v, ua, forceAtU, 1, a);
        recomputing.addPulledBackForce(v, ua, forceAtU, 1, b);
        assertArrayEquals(b, a, 0);
        assertTrue(taped.forcePlanBytes() > recomputing.forcePlanBytes(), "the tape takes memory");
    }

    @Test
    void theU1ChainWithATapeEqualsTheOneRecomputing() {
        Lattice lattice = new Lattice(8, 6);
        RunContext context = new RunContext(lattice, U1.INSTANCE, SiteLoops.serial(), SingleProcessCommunicator.INSTANCE);
        Weights weights = new Weights();
        List<TransformLayer> layers = new ArrayList<>();
        int[][] offsets = {{0, 0}, {1, 0}, {0, 1}, {1, 1}};
        for (int mu = 0; mu < 2; mu++) {
            for (int o = 0; o < 4; o++) {
                ConvNet net = new ConvNet(weights, "l" + (4 * mu + o), 2, new int[] {3, 2, 2}, 3, 11 + 4 * mu + o, 2);
                layers.add(new U1MaskedStoutLayer(lattice, mu, offsets[o], net));
            }
        }
        LayerChain taped = new U1LayerChain(context, layers, weights, 1e-12, 200);
        LayerChain recomputing = new U1LayerChain(context, layers, weights, 1e-12, 200, 0);
        assertSameChain(taped, recomputing, LinkField.hot(lattice, U1.INSTANCE, 5, 0), 5);
    }

    @Test
    void theSunChainWithATapeEqualsTheOneRecomputing() {
        Lattice lattice = new Lattice(2, 2, 2, 2);
        SUN su2 = SUN.of(2);
        RunContext context = new RunContext(lattice, su2, SiteLoops.serial(), SingleProcessCommunicator.INSTANCE);
        List<TransformLayer> layers = new ArrayList<>();
        for (int mu = 0; mu < 4; mu++) {
            for (int parity = 0; parity < 2; parity++) {
                List<Node> k = Collections.nCopies(6, Node.constant(0.05 + 0.01 * mu));
                layers.add(new SunMaskedStoutLayer(lattice, su2, mu, parity, false, links -> k));
            }
        }
        Weights none = new Weights();
        LayerChain taped = new SunLayerChain(context, layers, none, 1e-12, 200);
        LayerChain recomputing = new SunLayerChain(context, layers, none, 1e-12, 200, 0);
        assertSameChain(taped, recomputing, LinkField.hot(lattice, su2, 6, 0), 6);
    }
}
