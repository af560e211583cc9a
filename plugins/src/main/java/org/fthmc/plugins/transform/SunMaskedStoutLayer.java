package org.fthmc.plugins.transform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.fthmc.dsl.Autodiff;
import org.fthmc.dsl.Input;
import org.fthmc.dsl.Node;
import org.fthmc.dsl.Type;
import org.fthmc.group.SUN;
import org.fthmc.lattice.Lattice;
import org.fthmc.transform.TransformLayer;

/**
 * One slice of the 4D SU(N) masked stout map (docs/science.md §3.1): the μ-links on the sites of one parity change as
 * U' = exp(TA(Y U†)) U with Y = Σ_i k_i C_i, C_i the 2(D−1) plaquette staples of U_μ(x) (the paths from x to x+μ̂
 * through ±ν, built from links of other directions or of the other parity, hence fixed) and, with {@code chairs},
 * the 8(D−1)(D−2) five-link chair staples (48 in 4D) whose μ-link sits one step away (other parity, fixed); k_i the
 * coefficients the plugin gives (trainable or fixed). The per-link Jacobian j_ab = −2 Re tr(T_a (∂_b U') U'†), ∂_b the left
 * derivative along T_b, is built from directional derivatives of the exponential (see {@link #linkLogDet}) and ln|det j|
 * summed over the slice.
 */
final class SunMaskedStoutLayer implements TransformLayer {
    private final int mu;
    private final boolean chairs;
    private final Function<List<Node>, List<Node>> coefficients;
    private final Node mask;
    /** ln|det j| as a graph of placeholder inputs for the link and for Y, substituted per use. */
    private final Input linkPlaceholder;
    private final Input stapleSumPlaceholder;
    private final Node logDetOfPlaceholders;

    /**
     * @param coefficients the coefficient of each staple (in the order of {@link #staples}; global or per-site reals)
     *                     as graphs of the layer's input links, of which they may read only the fixed ones
     */
    SunMaskedStoutLayer(Lattice lattice, SUN group, int mu, int parity, boolean chairs, Function<List<Node>, List<Node>> coefficients) {
        this.mu = mu;
        this.chairs = chairs;
        this.coefficients = coefficients;
        this.mask = Node.mask(lattice, lattice.paritySites(parity));
        this.linkPlaceholder = Node.input("U", Type.matrix(group.n(), false));
        this.stapleSumPlaceholder = Node.input("Y", Type.matrix(group.n(), false));
        this.logDetOfPlaceholders = linkLogDet(group, linkPlaceholder, stapleSumPlaceholder);
    }

    /**
     * ln|det j| of the link map U → e^Q U, Q = TA(Ω), Ω = Y U†, at fixed Y, j_ab = −2 Re tr(T_a (∂_b U') U'†) with ∂_b
     * the left derivative along T_b, as a graph of the inputs u and y. Along δU = T_b U, δΩ = −Ω T_b and
     * (∂_b U') U'† = e^Q (T_b + e^{−Q} dexp_Q[δQ_b]) e^{−Q}; conjugation by e^Q is a rotation of the algebra (det 1),
     * so ln|det j| = ln|det(1 + N)| with N_ab = −2 Re tr(T_a e^{−Q} dexp_Q[δQ_b]), the directional derivatives of
     * the Cayley–Hamilton exponential ({@link Node#expTracelessAntiHermitian}): three matrix products per column.
     */
    static Node linkLogDet(SUN group, Input u, Node y) {
        int n = group.n();
        int dim = group.algebraDimension();
        Input omega = Node.input("Ω", Type.matrix(n, false));
        Node exp = omega.expTracelessAntiHermitian();
        Node expInverse = exp.dagger();
        Node[] entries = new Node[dim * dim];
        for (int b = 0; b < dim; b++) {
            Node tangent = omega.times(Node.constant(Type.matrix(n, true), group.generator(b))).negate();
            Node column = expInverse.times(Autodiff.jvp(exp, Map.of(omega, tangent)));
            for (int a = 0; a < dim; a++) {
                Node entry = column.dot(traceProjector(group, a));
                entries[a * dim + b] = a == b ? entry.plus(1) : entry;
            }
        }
        Node logDet = Node.realMatrix(dim, List.of(entries)).logAbsDet();
        return Autodiff.substitute(List.of(logDet), Map.of(omega, y.times(u.dagger()))).getFirst();
    }

    /**
     * The constant K_a = −2 T_a† with ⟨K_a, C⟩ = −2 Re tr(T_a C) (the real inner product of components): an entry of j
     * as one dot product of 18 components instead of a 3×3 product and a trace.
     */
    private static Node traceProjector(SUN group, int a) {
        int n = group.n();
        double[] t = group.generator(a);
        double[] k = new double[2 * n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                k[2 * (j * n + i)] = -2 * t[2 * (i * n + j)];
                k[2 * (j * n + i) + 1] = 2 * t[2 * (i * n + j) + 1];
            }
        }
        return Node.constant(Type.matrix(n, true), k);
    }

    /** exp(TA(Y U†)) U. */
    private static Node update(Node u, Node y) {
        return y.times(u.dagger()).expTracelessAntiHermitian().times(u);
    }

    /** How many staples a slice has: 2(D−1) plaquette staples, and 8(D−1)(D−2) chairs with them. */
    static int staples(int d, boolean chairs) {
        return 2 * (d - 1) + (chairs ? 8 * (d - 1) * (d - 2) : 0);
    }

    /**
     * The staples of U_μ(x), paths from x to x+μ̂: first the plaquette staples in the order (ν, up), (ν, down) for
     * ν ≠ μ ascending, U_ν(x) U_μ(x+ν̂) U_ν(x+μ̂)† and U_ν(x−ν̂)† U_μ(x−ν̂) U_ν(x−ν̂+μ̂); then, with chairs, for every
     * σ = ±ν and τ = ±ρ (ν ≠ ρ, both ≠ μ; ν, then its sign, then ρ, then its sign, ascending with + first) the two
     * chairs (+τ, +σ, −τ, +μ, −σ) and (+τ, +μ, +σ, −τ, −σ), whose μ-links sit at x+σ and x+τ.
     */
    private List<Node> staples(List<Node> u) {
        int d = u.size();
        int m = mu + 1;
        List<Node> staples = new ArrayList<>();
        for (int nu = 0; nu < d; nu++) {
            if (nu != mu) {
                staples.add(path(u, nu + 1, m, -(nu + 1)));
                staples.add(path(u, -(nu + 1), m, nu + 1));
            }
        }
        if (chairs) {
            for (int nu = 0; nu < d; nu++) {
                for (int sigma : new int[] {nu + 1, -(nu + 1)}) {
                    for (int rho = 0; rho < d; rho++) {
                        for (int tau : new int[] {rho + 1, -(rho + 1)}) {
                            if (nu != mu && rho != mu && rho != nu) {
                                staples.add(path(u, tau, sigma, -tau, m, -sigma));
                                staples.add(path(u, tau, m, sigma, -tau, -sigma));
                            }
                        }
                    }
                }
            }
        }
        return staples;
    }

    /**
     * The product of the links along a path from x, steps as signed directions ±(ν + 1): +ν multiplies by U_ν at the
     * current site, −ν by U_ν(current − ν̂)†.
     */
    private static Node path(List<Node> u, int... steps) {
        int[] at = new int[u.size()];
        Node product = null;
        for (int step : steps) {
            int nu = Math.abs(step) - 1;
            if (step < 0) {
                at[nu]--;
            }
            Node link = u.get(nu);
            for (int rho = 0; rho < at.length; rho++) {
                if (at[rho] != 0) {
                    link = link.shift(rho, at[rho]);
                }
            }
            if (step < 0) {
                link = link.dagger();
            } else {
                at[nu]++;
            }
            product = product == null ? link : product.times(link);
        }
        return product;
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
