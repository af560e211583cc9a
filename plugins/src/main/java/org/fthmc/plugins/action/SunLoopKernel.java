package org.fthmc.plugins.action;

import org.fthmc.dsl.Input;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fthmc.field.LinkField;
import org.fthmc.group.SUN;
import org.fthmc.lattice.Lattice;
import org.fthmc.math.ComplexMatrices;
import org.fthmc.spi.FlopCounted;
import org.fthmc.spi.GaugeAction;
import org.fthmc.spi.QuenchedUpdater;
import org.fthmc.spi.RunContext;

/**
 * SU(N) plaquette + rectangle actions with hand-written staple forces,
 * S = β Σ_x [c0 Σ_{μ<ν} (1 − (1/N) Re tr P_μν) + c1 Σ_{μ≠ν} (1 − (1/N) Re tr R_μν)], R_μν the 2×1 rectangle long
 * in μ (Wilson: c0 = 1, c1 = 0). With A = c0 Σ plaquette staples + c1 Σ rectangle staples of U_μ(x), so that the
 * loops through the link are U A, the force is F = (β/2N) TA(U A): components p_a = (β/2N)(−2 Re tr(T_a U A)).
 * <p>Per link and signed direction ±ν: 2 matrix products for the plaquette staple and 11 more for the three
 * rectangle staples (sharing the plaquette's partial products). Tests pin both against the DSL-derived forces.
 * On a slab of a distributed lattice the action and force fill the field's halo first; the loops reach at most
 * 1 (plaquettes) or 2 (rectangles) steps away, so the halo must be that deep.
 */
public final class SunLoopKernel implements GaugeAction, FlopCounted {
    /** Names of the two terms of an improved action (a nested integrator can put them on different time scales). */
    public static final String PLAQUETTE = "plaquette";
    public static final String RECTANGLE = "rectangle";

    private final double beta;
    private final double c0;
    private final double c1;
    private final boolean improved;
    private final RunContext context;
    private final SUN group;
    private final int n;
    private final int s;
    private Map<String, GaugeAction> terms;

    private SunLoopKernel(double beta, double c0, double c1, boolean improved, RunContext context) {
        this.beta = beta;
        this.c0 = c0;
        this.c1 = c1;
        this.improved = improved;
        this.context = context;
        this.group = (SUN) context.group();
        this.n = group.n();
        this.s = group.storage();
        int depth = context.lattice().haloDepth();
        if (depth > 0 && depth < (c1 != 0 ? 2 : 1)) {
            throw new IllegalArgumentException("rectangle loops reach 2 sites away, but the slab " + context.lattice()
                    + " has a halo of " + depth);
        }
    }

    /** The Wilson action β Σ (1 − (1/N) Re tr P): one term, with a heat bath. */
    public static SunLoopKernel wilson(double beta, RunContext context) {
        return new SunLoopKernel(beta, 1, 0, false, context);
    }

    /** The improved action with rectangle coefficient c1 and c0 = 1 − 8 c1: terms {@value #PLAQUETTE} and {@value #RECTANGLE}. */
    public static SunLoopKernel improved(double beta, double c1, RunContext context) {
        return new SunLoopKernel(beta, 1 - 8 * c1, c1, true, context);
    }

    /** The Cabibbo–Marinari heat bath, for the Wilson action. */
    @Override
    public Optional<QuenchedUpdater> heatBath() {
        return c1 == 0 && !improved ? Optional.of(new SunHeatBath(beta * c0, context)) : Optional.empty();
    }

    /** The same action as a DSL graph (for training losses). */
    @Override
    public Optional<ActionGraph> graph() {
        List<org.fthmc.dsl.Input> u = org.fthmc.gauge.SunDslAction.linkInputs(context.lattice().dimensions(), n);
        org.fthmc.dsl.Node density = org.fthmc.gauge.SunLoops.plaquetteDensity(u).times(c0);
        if (c1 != 0) {
            density = density.plus(org.fthmc.gauge.SunLoops.rectangleDensity(u).times(c1));
        }
        return Optional.of(new ActionGraph(u, density.sum().times(beta)));
    }

    @Override
    public Map<String, GaugeAction> terms() {
        if (!improved) {
            return GaugeAction.super.terms();
        }
        if (terms == null) {
            terms = new LinkedHashMap<>();
            terms.put(PLAQUETTE, new SunLoopKernel(beta, c0, 0, false, context));
            terms.put(RECTANGLE, new SunLoopKernel(beta, 0, c1, false, context));
        }
        return terms;
    }

    /**
     * Counted as 8N³ flops per product of two N×N complex matrices (N³ complex multiply-adds; 216 for SU(3)) over
     * the staple products only, the convention of the Wilson-force target (10.4k per site for SU(3) in 4D): per
     * link 2(D−1) signed directions × (2 products, plus 11 with a rectangle term). The product U·A, the
     * projection and the staple sums are not counted.
     */
    @Override
    public double forceFlopsPerSite() {
        int d = context.lattice().dimensions();
        int products = d * 2 * (d - 1) * (c1 != 0 ? 13 : 2);
        return products * 8.0 * n * n * n;
    }

    @Override
    public double action(LinkField u) {
        u.exchangeHalos();
        Lattice lattice = u.lattice();
        int d = lattice.dimensions();
        double[] links = u.data();
        double[] sums = context.loops().blockSums(lattice.volume(), (from, to) -> {
            double[] a = new double[s];
            double[] b = new double[s];
            double[] t = new double[s];
            double plaquettes = 0;
            double rectangles = 0;
            for (int x = from; x < to; x++) {
                for (int mu = 0; mu < d; mu++) {
                    int xmu = lattice.forward(x, mu);
                    for (int nu = 0; nu < d; nu++) {
                        if (nu == mu) {
                            continue;
                        }
                        int xnu = lattice.forward(x, nu);
                        if (c0 != 0 && mu < nu) {
                            // Re tr P = Re tr(U_μ(x) U_ν(x+μ) (U_ν(x) U_μ(x+ν))†)
                            multiply(links, offset(x, mu, d), false, links, offset(xmu, nu, d), false, a, false);
                            multiply(links, offset(x, nu, d), false, links, offset(xnu, mu, d), false, b, false);
                            plaquettes += 1 - reTraceTimesDagger(a, b) / n;
                        }
                        if (c1 != 0) {
                            // Re tr R = Re tr(U_μ(x) U_μ(x+μ) U_ν(x+2μ) (U_ν(x) U_μ(x+ν) U_μ(x+μ+ν))†)
                            multiply(links, offset(x, mu, d), false, links, offset(xmu, mu, d), false, t, false);
                            multiply(t, 0, false, links, offset(lattice.forward(xmu, mu), nu, d), false, a, false);
                            multiply(links, offset(x, nu, d), false, links, offset(xnu, mu, d), false, t, false);
                            multiply(t, 0, false, links, offset(lattice.forward(xnu, mu), mu, d), false, b, false);
                            rectangles += 1 - reTraceTimesDagger(a, b) / n;
                        }
                    }
                }
            }
            return c0 * plaquettes + c1 * rectangles;
        });
        return beta * lattice.sumInOrder(sums, 1);
    }

    @Override
    public void addForce(LinkField u, double scale, double[] target) {
        u.exchangeHalos();
        Lattice lattice = u.lattice();
        int d = lattice.dimensions();
        int dim = group.algebraDimension();
        double[] links = u.data();
        double c = scale * beta / (2.0 * n);
        context.loops().forRange(lattice.volume(), (from, to) -> {
            Scratch scratch = new Scratch(s);
            double[] m = new double[s];
            for (int x = from; x < to; x++) {
                for (int mu = 0; mu < d; mu++) {
                    weightedStaple(lattice, links, x, mu, scratch);
                    multiply(links, offset(x, mu, d), false, scratch.staple, 0, false, m, false);
                    int base = (x * d + mu) * dim;
                    for (int a = 0; a < dim; a++) {
                        target[base + a] += c * group.component(a, m, 0);
                    }
                }
            }
        });
    }

    /** Work matrices of one thread. */
    private static final class Scratch {
        final double[] staple;
        final double[] plaquette;
        final double[] rectangle;
        final double[] t1;
        final double[] t2;
        final double[] t3;
        final double[] t4;

        Scratch(int storage) {
            staple = new double[storage];
            plaquette = new double[storage];
            rectangle = new double[storage];
            t1 = new double[storage];
            t2 = new double[storage];
            t3 = new double[storage];
            t4 = new double[storage];
        }
    }

    /** scratch.staple = c0 Σ plaquette staples + c1 Σ rectangle staples of U_μ(x). */
    private void weightedStaple(Lattice lattice, double[] links, int x, int mu, Scratch w) {
        if (c1 == 0) {
            staple(lattice, links, x, mu, w.staple, w.t1, w.t2);
            if (c0 != 1) {
                scale(w.staple, c0);
            }
            return;
        }
        java.util.Arrays.fill(w.plaquette, 0);
        java.util.Arrays.fill(w.rectangle, 0);
        int d = lattice.dimensions();
        int xm = lattice.forward(x, mu);
        for (int nu = 0; nu < d; nu++) {
            if (nu == mu) {
                continue;
            }
            for (int sign = 1; sign >= -1; sign -= 2) {
                // a: x+μ → x+μ+σν, b: → x+σν, c: → x (the plaquette staple is a b c)
                int xmn = step(lattice, xm, nu, sign);
                int xn = step(lattice, x, nu, sign);
                int a = link(lattice, xm, nu, sign);
                int b = link(lattice, xmn, mu, -1);
                int cc = link(lattice, xn, nu, -sign);
                multiply(links, a, sign < 0, links, b, true, w.t1, false); // Q = a b
                multiply(w.t1, 0, false, links, cc, sign > 0, w.plaquette, true);
                // R2 (long, backwards): Q · [x+σν → x−μ+σν → x−μ → x]
                int xbn = lattice.backward(xn, mu);
                int xb = lattice.backward(x, mu);
                multiply(links, link(lattice, xn, mu, -1), true, links, link(lattice, xbn, nu, -sign), sign > 0, w.t2, false);
                multiply(w.t2, 0, false, links, offset(xb, mu, d), false, w.t3, false);
                multiply(w.t1, 0, false, w.t3, 0, false, w.rectangle, true);
                // bc, then R1 (long, forwards): [x+μ → x+2μ → x+2μ+σν → x+μ+σν] · bc
                multiply(links, b, true, links, cc, sign > 0, w.t4, false);
                int x2m = lattice.forward(xm, mu);
                multiply(links, offset(xm, mu, d), false, links, link(lattice, x2m, nu, sign), sign < 0, w.t2, false);
                multiply(w.t2, 0, false, links, link(lattice, step(lattice, x2m, nu, sign), mu, -1), true, w.t3, false);
                multiply(w.t3, 0, false, w.t4, 0, false, w.rectangle, true);
                // R3 (tall): a · [x+μ+σν → x+μ+2σν → x+2σν → x+σν] · c
                int xmnn = step(lattice, xmn, nu, sign);
                int xnn = step(lattice, xn, nu, sign);
                multiply(links, link(lattice, xmn, nu, sign), sign < 0, links, link(lattice, xmnn, mu, -1), true, w.t2, false);
                multiply(w.t2, 0, false, links, link(lattice, xnn, nu, -sign), sign > 0, w.t3, false);
                multiply(links, a, sign < 0, w.t3, 0, false, w.t2, false);
                multiply(w.t2, 0, false, links, cc, sign > 0, w.rectangle, true);
            }
        }
        for (int i = 0; i < s; i++) {
            w.staple[i] = c0 * w.plaquette[i] + c1 * w.rectangle[i];
        }
    }

    /**
     * A = Σ_{ν≠μ} [U_ν(x+μ̂) U_μ(x+ν̂)† U_ν(x)† + U_ν(x+μ̂−ν̂)† U_μ(x−ν̂)† U_ν(x−ν̂)], so that the plaquettes through
     * U_μ(x) are U_μ(x) A; t1 and t2 are scratch matrices.
     */
    void staple(Lattice lattice, double[] links, int x, int mu, double[] staple, double[] t1, double[] t2) {
        int d = lattice.dimensions();
        java.util.Arrays.fill(staple, 0);
        int xmu = lattice.forward(x, mu);
        for (int nu = 0; nu < d; nu++) {
            if (nu == mu) {
                continue;
            }
            multiply(links, offset(xmu, nu, d), false, links, offset(lattice.forward(x, nu), mu, d), true, t1, false);
            multiply(t1, 0, false, links, offset(x, nu, d), true, staple, true);
            int xnu = lattice.backward(x, nu);
            multiply(links, offset(lattice.backward(xmu, nu), nu, d), true, links, offset(xnu, mu, d), true, t2, false);
            multiply(t2, 0, false, links, offset(xnu, nu, d), false, staple, true);
        }
    }

    /** The site one hop from y along sign · ν̂. */
    private static int step(Lattice lattice, int y, int nu, int sign) {
        return sign > 0 ? lattice.forward(y, nu) : lattice.backward(y, nu);
    }

    /**
     * The offset of the stored link that a hop from y along sign · ν̂ crosses: U_ν(y) forwards, U_ν(y−ν̂) (to be
     * daggered) backwards.
     */
    private int link(Lattice lattice, int y, int nu, int sign) {
        int d = lattice.dimensions();
        return offset(sign > 0 ? y : lattice.backward(y, nu), nu, d);
    }

    private int offset(int site, int mu, int d) {
        return (site * d + mu) * s;
    }

    private void multiply(double[] a, int ao, boolean daggerA, double[] b, int bo, boolean daggerB, double[] out, boolean accumulate) {
        ComplexMatrices.multiply(n, a, ao, daggerA, b, bo, daggerB, out, 0, accumulate);
    }

    private static void scale(double[] m, double factor) {
        for (int i = 0; i < m.length; i++) {
            m[i] *= factor;
        }
    }

    /** Re tr(a · b†). */
    private double reTraceTimesDagger(double[] a, double[] b) {
        double re = 0;
        for (int i = 0; i < 2 * n * n; i++) {
            re += a[i] * b[i];
        }
        return re;
    }
}
