package org.fthmc.gauge;

import java.util.List;
import org.fthmc.comm.SingleProcessCommunicator;
import org.fthmc.dsl.Node;
import org.fthmc.field.LinkField;
import org.fthmc.group.SUN;
import org.fthmc.lattice.Lattice;
import org.fthmc.math.ComplexMatrices;
import org.fthmc.parallel.SiteLoops;

/**
 * SU(N) Wilson loops as DSL graphs of the link matrices U_μ, and the gauge-file checks built on them: the average
 * plaquette and link trace (normalised as (1/N) Re tr, as NERSC headers give them).
 */
public final class SunLoops {
    private SunLoops() {
    }

    /** P_μν(x) = U_μ(x) U_ν(x+μ̂) U_μ(x+ν̂)† U_ν(x)†. */
    public static Node plaquette(List<? extends Node> u, int mu, int nu) {
        return u.get(mu).times(u.get(nu).shift(mu, 1)).times(u.get(mu).shift(nu, 1).dagger()).times(u.get(nu).dagger());
    }

    /** The 2×1 rectangle along μ: U_μ(x) U_μ(x+μ̂) U_ν(x+2μ̂) U_μ(x+μ̂+ν̂)† U_μ(x+ν̂)† U_ν(x)†. */
    public static Node rectangle(List<? extends Node> u, int mu, int nu) {
        Node m = u.get(mu);
        return m.times(m.shift(mu, 1)).times(u.get(nu).shift(mu, 2)).times(m.shift(mu, 1).shift(nu, 1).dagger())
                .times(m.shift(nu, 1).dagger()).times(u.get(nu).dagger());
    }

    /**
     * Σ_{μ<ν} c0 (1 − (1/N) Re tr P_μν) + Σ_{μ≠ν} c1 (1 − (1/N) Re tr R_μν), c0 = 1 − 8 c1, per site (every
     * rectangle orientation once: 2 per plane). c1 = 0 gives {@link #plaquetteDensity}.
     */
    public static Node improvedDensity(List<? extends Node> u, double c1) {
        Node density = plaquetteDensity(u).times(1 - 8 * c1);
        return c1 == 0 ? density : density.plus(rectangleDensity(u).times(c1));
    }

    /** Σ_{μ≠ν} (1 − (1/N) Re tr R_μν(x)) per site, R_μν the 2×1 rectangle long in μ. */
    public static Node rectangleDensity(List<? extends Node> u) {
        int n = u.getFirst().type().n();
        Node density = null;
        for (int mu = 0; mu < u.size(); mu++) {
            for (int nu = 0; nu < u.size(); nu++) {
                if (mu != nu) {
                    Node term = rectangle(u, mu, nu).trace().re().times(-1.0 / n).plus(1);
                    density = density == null ? term : density.plus(term);
                }
            }
        }
        return density;
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

    /** The mean of (1/N) Re tr P over all plaquettes of an SU(N) field (compiles a {@link PlaquetteMeter}: one-off use). */
    public static double averagePlaquette(LinkField u, SiteLoops loops) {
        return new PlaquetteMeter(u.lattice(), (SUN) u.group(), loops).averagePlaquette(u);
    }

    /**
     * |(1/V_s) Σ_x (1/N) tr Π_t U_{D−1}(x, t)|: the magnitude of the spatially averaged Polyakov loop along the last
     * direction (time), products ordered from t = 0 upwards.
     */
    public static double polyakovLoop(LinkField slab) {
        LinkField u = slab.gather(); // the whole field on every rank: the products run as in one process
        SUN group = (SUN) u.group();
        Lattice lattice = u.lattice();
        int d = lattice.dimensions();
        int time = d - 1;
        int n = group.n();
        int s = group.storage();
        double re = 0;
        double im = 0;
        int[] x = new int[d];
        int spatial = 0;
        for (int site = 0; site < lattice.volume(); site++) {
            lattice.coordinates(site, x);
            if (x[time] != 0) {
                continue;
            }
            spatial++;
            double[] product = java.util.Arrays.copyOfRange(u.data(), (site * d + time) * s, (site * d + time + 1) * s);
            int y = lattice.forward(site, time);
            for (int t = 1; t < lattice.extent(time); t++) {
                product = multiply(n, product, java.util.Arrays.copyOfRange(u.data(), (y * d + time) * s, (y * d + time + 1) * s));
                y = lattice.forward(y, time);
            }
            for (int i = 0; i < n; i++) {
                re += product[2 * (i * n + i)];
                im += product[2 * (i * n + i) + 1];
            }
        }
        return Math.hypot(re, im) / (n * (double) spatial);
    }

    private static double[] multiply(int n, double[] a, double[] b) {
        double[] c = new double[2 * n * n];
        ComplexMatrices.multiply(n, a, b, c);
        return c;
    }

    /** The mean of (1/N) Re tr U over all links of an SU(N) field. */
    public static double averageLinkTrace(LinkField u) {
        SUN group = (SUN) u.group();
        int n = group.n();
        double sum = 0;
        for (int l = 0; l < u.lattice().links(); l++) {
            for (int i = 0; i < n; i++) {
                sum += u.data()[l * group.storage() + 2 * (i * n + i)];
            }
        }
        return sum / (n * (double) u.lattice().links());
    }
}
