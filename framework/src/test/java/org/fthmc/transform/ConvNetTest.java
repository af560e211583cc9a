package org.fthmc.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.fthmc.dsl.CompiledGraph;
import org.fthmc.dsl.Input;
import org.fthmc.dsl.Node;
import org.fthmc.dsl.Type;
import org.fthmc.lattice.Lattice;
import org.fthmc.parallel.SiteLoops;
import org.fthmc.spi.Weights;
import org.junit.jupiter.api.Test;

class ConvNetTest {
    private static final Lattice LATTICE = new Lattice(5, 4);

    /** Runs a one-layer (no activation) 2 → 3 network with kernel 3 on per-site 2-vector data. */
    private static double[] run(Weights w, ConvNet net, double[] data) {
        Input x = Node.input("x", Type.vector(2, false));
        List<Input> inputs = new ArrayList<>(List.of(x));
        inputs.addAll(w.inputs());
        CompiledGraph g = CompiledGraph.compile(LATTICE, SiteLoops.serial(), List.of(net.apply(x)), inputs);
        List<double[]> values = new ArrayList<>(List.of(data));
        values.addAll(w.values());
        return g.run(values.toArray(double[][]::new)).getFirst().clone();
    }

    @Test
    void aConvolutionIsAPeriodicWeightedSumOfNeighbours() {
        Weights w = new Weights();
        ConvNet net = new ConvNet(w, "n", 2, new int[] {2, 3}, 3, 7, 1);
        double[] bias = w.get("n.conv0.b").values();
        bias[0] = 0.1;
        bias[1] = -0.2;
        bias[2] = 0.3;
        double[] data = new double[LATTICE.volume() * 2];
        for (int i = 0; i < data.length; i++) {
            data[i] = Math.sin(1.3 * i + 0.2);
        }
        double[] out = run(w, net, data);
        int[] x = new int[2];
        for (int site = 0; site < LATTICE.volume(); site++) {
            LATTICE.coordinates(site, x);
            for (int c = 0; c < 3; c++) {
                double expected = bias[c];
                for (int o = 0; o < 9; o++) {
                    int y = LATTICE.site(Math.floorMod(x[0] + o % 3 - 1, 5), Math.floorMod(x[1] + o / 3 - 1, 4));
                    double[] k = w.get("n.conv0.w" + o).values();
                    for (int i = 0; i < 2; i++) {
                        expected += k[c * 2 + i] * data[y * 2 + i];
                    }
                }
                assertEquals(expected, out[site * 3 + c], 1e-14, "site " + site + " channel " + c);
            }
        }
    }

    @Test
    void initialisationIsReproducibleFromTheSeed() {
        Weights a = new Weights();
        Weights b = new Weights();
        new ConvNet(a, "n", 2, new int[] {3, 4, 2}, 3, 11, 1);
        new ConvNet(b, "n", 2, new int[] {3, 4, 2}, 3, 11, 1);
        assertEquals(3 * 4 * 9 + 4 + 4 * 2 * 9 + 2, a.count());
        for (int i = 0; i < a.tensors().size(); i++) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(a.tensors().get(i).values(), b.tensors().get(i).values());
        }
    }
}
