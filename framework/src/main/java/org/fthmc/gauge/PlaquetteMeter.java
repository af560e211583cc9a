package org.fthmc.gauge;

import java.util.List;
import org.fthmc.dsl.CompiledGraph;
import org.fthmc.dsl.Input;
import org.fthmc.dsl.Node;
import org.fthmc.field.LinkField;
import org.fthmc.gauge.SunDslAction;
import org.fthmc.gauge.SunLoops;
import org.fthmc.group.SUN;
import org.fthmc.lattice.Lattice;
import org.fthmc.parallel.SiteLoops;

/**
 * The SU(N) plaquette density Σ_{μ<ν} (1 − (1/N) Re tr P_μν) summed over sites, compiled once for a lattice and
 * evaluated as often as needed (per trajectory, per flow step). Use from one thread at a time.
 */
public final class PlaquetteMeter {
    private final Lattice lattice;
    private final SiteLoops loops;
    private final CompiledGraph graph;
    private final double[][] links;
    private final double planes;

    public PlaquetteMeter(Lattice lattice, SUN group, SiteLoops loops) {
        this.lattice = lattice;
        this.loops = loops;
        int d = lattice.dimensions();
        List<Input> inputs = SunDslAction.linkInputs(d, group.n());
        this.graph = CompiledGraph.compile(lattice, loops, List.of(SunLoops.plaquetteDensity(inputs).sum()), inputs);
        this.links = new double[d][lattice.sites() * group.storage()];
        this.planes = d * (d - 1) / 2.0;
    }

    /** Σ_x Σ_{μ<ν} (1 − (1/N) Re tr P_μν(x)), over all processes. */
    public double density(LinkField u) {
        return graph.run(SunDslAction.split(u, links, loops)).getFirst()[0];
    }

    /** The mean of (1/N) Re tr P over all plaquettes. */
    public double averagePlaquette(LinkField u) {
        return 1 - density(u) / (planes * lattice.globalVolume());
    }

    /** Plaquettes per site, D(D−1)/2. */
    public double planes() {
        return planes;
    }
}
