package org.fthmc.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.fthmc.lattice.Lattice;
import org.fthmc.parallel.SiteLoops;
import org.junit.jupiter.api.Test;

/** A graph's flop count follows the kernels' convention, node by node, and every run adds it to the process total. */
class FlopsTest {
    @Test
    void realNodesCountOneFlopPerSiteAndReductionsCountPerSite() {
        Lattice lattice = new Lattice(4, 4);
        Input x = Node.input("x", Type.FIELD);
        Node s = x.times(x).plus(x.shift(0, 1)).sin().sum(); // product, sum, sine, reduction: 4 per site; the shift 0
        CompiledGraph g = CompiledGraph.compile(lattice, SiteLoops.serial(), List.of(s), List.of(x));
        assertEquals(4.0 * lattice.volume(), g.flops());
        double before = CompiledGraph.flopsRun();
        g.run(new double[lattice.volume()]);
        g.run(new double[lattice.volume()]);
        assertEquals(2 * g.flops(), CompiledGraph.flopsRun() - before, 1e-9);
    }

    @Test
    void aProductOfThreeByThreeComplexMatricesIs216Flops() {
        Lattice lattice = new Lattice(2, 2);
        Input a = Node.input("A", Type.matrix(3, false));
        Input b = Node.input("B", Type.matrix(3, false));
        CompiledGraph g = CompiledGraph.compile(lattice, SiteLoops.serial(), List.of(a.times(b)), List.of(a, b));
        assertEquals(216.0 * lattice.volume(), g.flops());
    }
}
