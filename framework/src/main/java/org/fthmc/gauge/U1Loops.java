package org.fthmc.gauge;

import java.util.List;
import org.fthmc.dsl.Node;

/**
 * U(1) Wilson loops as DSL graphs of the link angles θ_μ: the plaquette and the 2×1 rectangle angles, and the
 * plaquette + rectangle action built from them. Used by the DSL forms of {@code u1-wilson} and by
 * {@code u1-improved}.
 */
public final class U1Loops {
    private U1Loops() {
    }

    /** θ_μν(x) = θ_μ(x) + θ_ν(x+μ̂) − θ_μ(x+ν̂) − θ_ν(x). */
    public static Node plaquette(List<? extends Node> theta, int mu, int nu) {
        return theta.get(mu).plus(theta.get(nu).shift(mu, 1)).minus(theta.get(mu).shift(nu, 1)).minus(theta.get(nu));
    }

    /** The 2×1 rectangle along μ: θ_μ(x) + θ_μ(x+μ̂) + θ_ν(x+2μ̂) − θ_μ(x+μ̂+ν̂) − θ_μ(x+ν̂) − θ_ν(x). */
    public static Node rectangle(List<? extends Node> theta, int mu, int nu) {
        Node t = theta.get(mu);
        return t.plus(t.shift(mu, 1)).plus(theta.get(nu).shift(mu, 2))
                .minus(t.shift(mu, 1).shift(nu, 1)).minus(t.shift(nu, 1)).minus(theta.get(nu));
    }

    /**
     * S = β [c0 Σ_{x, μ<ν} (1 − cos θ_μν) + c1 Σ_{x, μ≠ν} (1 − cos R_μν)], c0 = 1 − 8 c1 (docs/science.md §2 with N = 1;
     * every rectangle orientation counted once: 2 per plane per site). c1 = 0 is the Wilson action.
     */
    public static Node action(List<? extends Node> theta, double beta, double c1) {
        Node s = plaquetteDensity(theta).times(1 - 8 * c1);
        if (c1 != 0) {
            s = s.plus(rectangleDensity(theta).times(c1));
        }
        return s.sum().times(beta);
    }

    /** Σ_{μ<ν} (1 − cos θ_μν) per site. */
    public static Node plaquetteDensity(List<? extends Node> theta) {
        Node density = null;
        for (int mu = 0; mu < theta.size(); mu++) {
            for (int nu = mu + 1; nu < theta.size(); nu++) {
                density = add(density, plaquette(theta, mu, nu).cos().negate().plus(1));
            }
        }
        return density;
    }

    /** Σ_{μ≠ν} (1 − cos R_μν) per site. */
    public static Node rectangleDensity(List<? extends Node> theta) {
        Node density = null;
        for (int mu = 0; mu < theta.size(); mu++) {
            for (int nu = 0; nu < theta.size(); nu++) {
                if (mu != nu) {
                    density = add(density, rectangle(theta, mu, nu).cos().negate().plus(1));
                }
            }
        }
        return density;
    }

    private static Node add(Node sum, Node term) {
        return sum == null ? term : sum.plus(term);
    }
}
