package org.fthmc.plugins.transform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.fthmc.dsl.Autodiff;
import org.fthmc.dsl.Node;
import org.fthmc.dsl.Type;
import org.fthmc.group.SUN;
import org.fthmc.lattice.Lattice;
import org.fthmc.transform.TransformLayer;

/**
 * One slice of the 4D SU(N) masked stout map (SCIENCE.md §3.1): the μ-links on the sites of one parity change as
 * U' = exp(TA(Y U†)) U with Y = Σ_i k_i C_i, C_i the 2(D−1) plaquette staples of U_μ(x) (the paths from x to x+μ̂
 * through ±ν, built from links of other directions or of the other parity, hence fixed), k_i the coefficients the
 * plugin gives (trainable or fixed). The per-link Jacobian j_ab = −2 Re tr(T_a (∂_b U') U'†), ∂_b the left
 * derivative along T_b, is built by forward-mode differentiation of the link map and ln|det j| summed over the slice.
 */
final class SunMaskedStoutLayer implements TransformLayer {
    private final int mu;
    private final Function<List<Node>, List<Node>> coefficients;
    private final Node mask;
    /** ln|det j| as a graph of placeholder inputs for the link and for Y, substituted per use. */
    private final Node.Input linkPlaceholder;
    private final Node.Input stapleSumPlaceholder;
    private final Node logDetOfPlaceholders;

    /**
     * @param coefficients the coefficient of each staple (in the order of {@link #staples}; global or per-site reals)
     *                     as graphs of the layer's input links, of which they may read only the fixed ones
     */
    SunMaskedStoutLayer(Lattice lattice, SUN group, int mu, int parity, Function<List<Node>, List<Node>> coefficients) {
        this.mu = mu;
        this.coefficients = coefficients;
        this.mask = Node.mask(lattice, lattice.paritySites(parity));
        this.linkPlaceholder = Node.input("U", Type.matrix(group.n(), false));
        this.stapleSumPlaceholder = Node.input("Y", Type.matrix(group.n(), false));
        this.logDetOfPlaceholders = linkLogDet(group, linkPlaceholder, stapleSumPlaceholder);
    }

    /**
     * ln|det j| of the link map U → exp(TA(Y U†)) U at fixed Y, j_ab = −2 Re tr(T_a (∂_b U') U'†) with ∂_b the left
     * derivative along T_b, as a graph of the inputs u and y.
     */
    static Node linkLogDet(SUN group, Node.Input u, Node y) {
        Node mapped = update(u, y);
        int dim = group.algebraDimension();
        Node jacobian = null;
        for (int b = 0; b < dim; b++) {
            Node tangent = Node.constant(Type.matrix(group.n(), true), group.generator(b)).times(u);
            Node column = Autodiff.jvp(mapped, Map.of(u, tangent)).times(mapped.dagger());
            for (int a = 0; a < dim; a++) {
                Node entry = Node.constant(Type.matrix(group.n(), true), group.generator(a)).times(column).trace().re().times(-2);
                Node placed = entry.times(Node.matrixUnit(dim, a, b));
                jacobian = jacobian == null ? placed : jacobian.plus(placed);
            }
        }
        return jacobian.logAbsDet();
    }

    /** exp(TA(Y U†)) U. */
    private static Node update(Node u, Node y) {
        return y.times(u.dagger()).tracelessAntiHermitian().expm().times(u);
    }

    /** The staples of U_μ(x) in the order (ν, up), (ν, down) for ν ≠ μ ascending: U_ν(x) U_μ(x+ν̂) U_ν(x+μ̂)† and
     *  U_ν(x−ν̂)† U_μ(x−ν̂) U_ν(x−ν̂+μ̂). */
    private List<Node> staples(List<Node> u) {
        List<Node> staples = new ArrayList<>();
        for (int nu = 0; nu < u.size(); nu++) {
            if (nu == mu) {
                continue;
            }
            Node uNu = u.get(nu);
            Node uMu = u.get(mu);
            staples.add(uNu.times(uMu.shift(nu, 1)).times(uNu.shift(mu, 1).dagger()));
            staples.add(uNu.shift(nu, -1).dagger().times(uMu.shift(nu, -1)).times(uNu.shift(nu, -1).shift(mu, 1)));
        }
        return staples;
    }

    @Override
    public Output apply(List<Node> links) {
        List<Node> staples = staples(links);
        List<Node> k = coefficients.apply(links);
        if (k.size() != staples.size()) {
            throw new IllegalArgumentException("one coefficient per staple: " + staples.size() + ", got " + k.size());
        }
        Node y = null;
        for (int i = 0; i < staples.size(); i++) {
            Node term = staples.get(i).times(k.get(i));
            y = y == null ? term : y.plus(term);
        }
        Node u = links.get(mu);
        Node mapped = update(u, y);
        List<Node> out = new ArrayList<>(links);
        out.set(mu, u.plus(mapped.minus(u).times(mask)));
        Node logDet = Autodiff.substitute(List.of(logDetOfPlaceholders), Map.of(linkPlaceholder, u, stapleSumPlaceholder, y)).getFirst();
        return new Output(out, logDet.times(mask));
    }
}
