package org.fthmc.plugins.transform;

import java.util.ArrayList;
import java.util.List;
import org.fthmc.dsl.Node;
import org.fthmc.lattice.Lattice;
import org.fthmc.gauge.U1Loops;
import org.fthmc.spi.CoefficientNetwork;
import org.fthmc.transform.TransformLayer;

/**
 * One layer of the 2D U(1) NTHMC map (docs/science.md §3.1): the μ-links on the stride-2 sub-lattice with the given
 * offset change as θ' = θ − ε_P Σ_{2 plaquettes} sin L − ε_R Σ_{4 rectangles along μ} sin L (each loop oriented so
 * that it holds +θ), ε = (2/(6π)) atan(y), y = (y_P, y_R) from a network on cos(plaquette) and cos(rectangle)
 * fields with every loop that holds an updated link masked out. The per-link Jacobian is 1 + d,
 * d = −ε_P Σ cos L − ε_R Σ cos L with |d| < 1, so each link map is a monotone bijection; ln|det| = Σ log1p(d).
 */
final class U1MaskedStoutLayer implements TransformLayer {
    private static final double EPSILON_SCALE = 2 / (6 * Math.PI);
    /** Links of the loop fields at y as (offset in 0, offset in 1, direction). */
    private static final int[][] PLAQUETTE_01 = {{0, 0, 0}, {1, 0, 1}, {0, 1, 0}, {0, 0, 1}};
    private static final int[][] RECTANGLE_0 = {{0, 0, 0}, {1, 0, 0}, {2, 0, 1}, {1, 1, 0}, {0, 1, 0}, {0, 0, 1}};
    private static final int[][] RECTANGLE_1 = {{0, 0, 1}, {0, 1, 1}, {0, 2, 0}, {1, 1, 1}, {1, 0, 1}, {0, 0, 0}};

    private final int mu;
    private final CoefficientNetwork network;
    private final Node updated;
    private final Node[] inputMasks;

    U1MaskedStoutLayer(Lattice lattice, int mu, int[] offset, CoefficientNetwork network) {
        this.mu = mu;
        this.network = network;
        org.fthmc.lattice.SubLattice masked = lattice.strideSites(new int[] {2, 2}, offset);
        this.updated = Node.mask("updated(mu=" + mu + ", offset=" + offset[0] + offset[1] + ")", lattice, masked);
        this.inputMasks = new Node[] {fixedLoops(lattice, masked, PLAQUETTE_01), fixedLoops(lattice, masked, RECTANGLE_0),
                fixedLoops(lattice, masked, RECTANGLE_1)};
    }

    /**
     * 1 where the loop at y holds no updated link (of direction μ on the masked sites), else 0; at every stored site
     * (a slab's halo too), decided by global coordinates.
     */
    private Node fixedLoops(Lattice lattice, org.fthmc.lattice.SubLattice masked, int[][] loop) {
        double[] fixed = new double[lattice.sites()];
        int[] x = new int[2];
        int[] at = new int[2];
        for (int y = 0; y < fixed.length; y++) {
            lattice.coordinates(y, x);
            boolean free = true;
            for (int[] link : loop) {
                at[0] = Math.floorMod(x[0] + link[0], lattice.extent(0));
                at[1] = Math.floorMod(x[1] + link[1], lattice.extent(1));
                free &= !(link[2] == mu && masked.member().test(at));
            }
            fixed[y] = free ? 1 : 0;
        }
        return Node.fieldConstant("fixed-loops(mu=" + mu + ")", fixed);
    }

    @Override
    public Output apply(List<Node> theta) {
        int nu = 1 - mu;
        // the loops through θ_μ(x) holding +θ_μ(x): P_μν(x), −P_μν(x−ν̂); R_μν(x), R_μν(x−μ̂), −R_μν(x−ν̂), −R_μν(x−μ̂−ν̂).
        // sin and cos are taken once per loop field and shifted (the same values, computed once per site).
        Node p = U1Loops.plaquette(theta, mu, nu);
        Node r = U1Loops.rectangle(theta, mu, nu);
        Node across = U1Loops.rectangle(theta, nu, mu);
        Node cosP = p.cos();
        Node sinP = p.sin();
        Node cosR = r.cos();
        Node sinR = r.sin();
        // features: cos of the plaquette (even in its orientation) and of the rectangles along 0 and along 1
        Node features = Node.stack(List.of(cosP.times(inputMasks[0]), (mu == 0 ? cosR : across.cos()).times(inputMasks[1]),
                (mu == 0 ? across.cos() : cosR).times(inputMasks[2])));
        Node y = network.apply(features);
        Node epsilonP = y.component(0).atan().times(EPSILON_SCALE);
        Node epsilonR = y.component(1).atan().times(EPSILON_SCALE);
        Node sinPlaquettes = sinP.minus(sinP.shift(nu, -1));
        Node cosPlaquettes = cosP.plus(cosP.shift(nu, -1));
        Node sinRectangles = sinR.plus(sinR.shift(mu, -1)).minus(sinR.shift(nu, -1)).minus(sinR.shift(mu, -1).shift(nu, -1));
        Node cosRectangles = cosR.plus(cosR.shift(mu, -1)).plus(cosR.shift(nu, -1)).plus(cosR.shift(mu, -1).shift(nu, -1));
        Node change = epsilonP.times(sinPlaquettes).plus(epsilonR.times(sinRectangles));
        Node d = epsilonP.times(cosPlaquettes).plus(epsilonR.times(cosRectangles)).negate();
        List<Node> out = new ArrayList<>(theta);
        out.set(mu, theta.get(mu).minus(change.times(updated)));
        return new Output(out, d.log1p().times(updated));
    }
}
