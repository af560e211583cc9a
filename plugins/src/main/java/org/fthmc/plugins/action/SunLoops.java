package org.fthmc.plugins.action;

import java.util.List;
import org.fthmc.dsl.Node;

/** SU(N) Wilson loops as DSL graphs of the link matrices U_μ. */
public final class SunLoops {
    private SunLoops() {
    }

    /** P_μν(x) = U_μ(x) U_ν(x+μ̂) U_μ(x+ν̂)† U_ν(x)†. */
    public static Node plaquette(List<? extends Node> u, int mu, int nu) {
        return u.get(mu).times(u.get(nu).shift(mu, 1)).times(u.get(mu).shift(nu, 1).dagger()).times(u.get(nu).dagger());
    }

    /** Σ_{x, μ<ν} (1 − (1/N) Re tr P_μν(x)), N the matrix size: a per-site field summed over planes. */
    public static Node plaquetteDensity(List<? extends Node> u) {
        int n = u.getFirst().type().n();
        Node density = null;
        for (int mu = 0; mu < u.size(); mu++) {
            for (int nu = mu + 1; nu < u.size(); nu++) {
                Node term = plaquette(u, mu, nu).trace().re().times(-1.0 / n).plus(1);
                density = density == null ? term : density.plus(term);
            }
        }
        return density;
    }
}
