package org.fthmc.measure;

import java.util.ArrayList;
import java.util.List;
import org.fthmc.gauge.PlaquetteMeter;
import org.fthmc.gauge.SunDslAction;
import org.fthmc.field.LinkField;
import org.fthmc.gauge.SunLoops;
import org.fthmc.group.SUN;
import org.fthmc.parallel.SiteLoops;
import org.fthmc.spi.GaugeAction;
import org.fthmc.spi.RunContext;

/**
 * The Wilson (gradient) flow V̇ = Z(V) V with Z = −g0² ∂S_w = −F, F the force of g0² S_w = Σ_{oriented p} Re tr(1 − P)
 * = 2 Σ_{μ<ν} Re tr(1 − P_μν), which is our Wilson action at β = 2N (Lüscher's normalisation: weak fields flow by
 * the heat equation ∂_t A = ∂²A, which a test pins), integrated with Lüscher's third-order Runge–Kutta scheme (JHEP 08 (2010) 071, eq. C.1–C.3):
 * W1 = e^{Z0/4} V, W2 = e^{8 Z1/9 − 17 Z0/36} W1, V(t+ε) = e^{3 Z2/4 − 8 Z1/9 + 17 Z0/36} W2, Z_i = ε Z(W_i).
 * E(t) is recorded in both usual definitions, the plaquette one E = 2 Σ_{μ<ν} Re tr(1 − P_μν) per site and the
 * clover one ({@link CloverMeter}), with the clover topological charge of the flowed field (4D); t0 and w0 follow
 * from t²E(t0) = 0.3 and t d/dt(t²E)|_{t = w0²} = 0.3 for either definition. The force is any Wilson action at
 * β = 2N given to the constructor (the hand-written kernel in runs), or the DSL-derived one. On a slab of a
 * distributed lattice the force fills the halo it reads, the flow updates the owned links, and E and Q are sums over
 * every process, so the flow gives the one-process values bit for bit.
 */
public final class WilsonFlow {
    /** One point of the flow: t, E(t) (plaquette and clover definitions) and the clover charge Q(t) (NaN unless 4D). */
    public record Point(double t, double e, double eClover, double charge) {
        public double t2e() {
            return t * t * e;
        }

        public double t2eClover() {
            return t * t * eClover;
        }
    }

    /** Which E(t) t0 and w0 are computed from. */
    public enum Definition {
        PLAQUETTE, CLOVER;

        double t2e(Point p) {
            return this == PLAQUETTE ? p.t2e() : p.t2eClover();
        }
    }

    private final SUN group;
    private final GaugeAction force;
    private final SiteLoops loops;
    private final PlaquetteMeter plaquettes;
    private final CloverMeter clover;

    /** A flow with the DSL-derived Wilson force. */
    public WilsonFlow(LinkField shape, SiteLoops loops) {
        this(shape, loops, new SunDslAction(new RunContext(shape.lattice(), shape.group(), loops, shape.lattice().communicator()),
                u -> SunLoops.plaquetteDensity(u).sum().times(betaOf((SUN) shape.group()))));
    }

    /** @param wilson the Wilson action β Σ_{μ<ν} (1 − (1/N) Re tr P) at β = {@link #betaOf} = 2N, whose force drives the flow */
    public WilsonFlow(LinkField shape, SiteLoops loops, GaugeAction wilson) {
        this.group = (SUN) shape.group();
        this.loops = loops;
        this.force = wilson;
        this.plaquettes = new PlaquetteMeter(shape.lattice(), group, loops);
        this.clover = new CloverMeter(shape.lattice(), group, loops);
    }

    /** The β at which the Wilson action's force is the flow's: 2N. */
    public static double betaOf(SUN group) {
        return 2 * group.n();
    }

    /** Flows u in place by one step ε. */
    public void step(LinkField u, double eps) {
        int links = u.lattice().links();
        int dim = group.algebraDimension();
        double[] z0 = new double[links * dim];
        double[] z1 = new double[links * dim];
        double[] z2 = new double[links * dim];
        force.addForce(u, -eps, z0);
        evolve(u, combine(z0, 0.25, null, 0, null, 0));
        force.addForce(u, -eps, z1);
        evolve(u, combine(z1, 8.0 / 9, z0, -17.0 / 36, null, 0));
        force.addForce(u, -eps, z2);
        evolve(u, combine(z2, 0.75, z1, -8.0 / 9, z0, 17.0 / 36));
    }

    /** Flows u in place to tMax in steps of eps, recording E(t) at t = 0, ε, 2ε, .... */
    public List<Point> flow(LinkField u, double eps, double tMax) {
        List<Point> points = new ArrayList<>();
        double t = 0;
        points.add(point(u, t));
        int steps = (int) Math.round(tMax / eps);
        for (int i = 0; i < steps; i++) {
            step(u, eps);
            t = (i + 1) * eps;
            points.add(point(u, t));
        }
        return points;
    }

    /**
     * Flows u in place to tMax in steps of eps and measures only the end point: the same end point as
     * {@link #flow}'s last, without the meters' cost at every step.
     */
    public Point flowTo(LinkField u, double eps, double tMax) {
        int steps = (int) Math.round(tMax / eps);
        for (int i = 0; i < steps; i++) {
            step(u, eps);
        }
        return point(u, steps * eps);
    }

    /** E = 2 N Σ_{μ<ν} (1 − (1/N) Re tr P) per site. */
    public double energyDensity(LinkField u) {
        return 2 * group.n() * plaquettes.density(u) / u.lattice().globalVolume();
    }

    private Point point(LinkField u, double t) {
        CloverMeter.Result c = clover.measure(u);
        return new Point(t, energyDensity(u), c.energy(), c.charge());
    }

    /** t0 from the plaquette t²E(t0) = 0.3. */
    public static double t0(List<Point> points) {
        return t0(points, Definition.PLAQUETTE);
    }

    /** t0 from t²E(t0) = 0.3 by linear interpolation, or NaN when the flow did not reach it. */
    public static double t0(List<Point> points, Definition definition) {
        for (int i = 1; i < points.size(); i++) {
            double a = definition.t2e(points.get(i - 1));
            double b = definition.t2e(points.get(i));
            if (a < 0.3 && b >= 0.3) {
                return points.get(i - 1).t() + (0.3 - a) * (points.get(i).t() - points.get(i - 1).t()) / (b - a);
            }
        }
        return Double.NaN;
    }

    /** w0 from the plaquette E. */
    public static double w0(List<Point> points) {
        return w0(points, Definition.PLAQUETTE);
    }

    /** w0 from W(t) = t d/dt(t²E) = 0.3 at t = w0² (central differences, linear interpolation), or NaN. */
    public static double w0(List<Point> points, Definition definition) {
        double previousW = Double.NaN;
        double previousT = Double.NaN;
        for (int i = 1; i + 1 < points.size(); i++) {
            Point a = points.get(i - 1);
            Point c = points.get(i + 1);
            double t = points.get(i).t();
            double w = t * (definition.t2e(c) - definition.t2e(a)) / (c.t() - a.t());
            if (previousW < 0.3 && w >= 0.3) {
                return Math.sqrt(previousT + (0.3 - previousW) * (t - previousT) / (w - previousW));
            }
            previousW = w;
            previousT = t;
        }
        return Double.NaN;
    }

    private static double[] combine(double[] a, double ca, double[] b, double cb, double[] c, double cc) {
        double[] out = new double[a.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = ca * a[i] + (b == null ? 0 : cb * b[i]) + (c == null ? 0 : cc * c[i]);
        }
        return out;
    }

    private void evolve(LinkField u, double[] generator) {
        loops.forRange(u.lattice().links(), (from, to) -> group.evolve(u.data(), generator, 1.0, from, to));
    }
}
