package org.fthmc.measure;

import java.util.ArrayList;
import java.util.List;
import org.fthmc.comm.SingleProcessCommunicator;
import org.fthmc.dsl.SunDslAction;
import org.fthmc.field.LinkField;
import org.fthmc.group.SUN;
import org.fthmc.parallel.SiteLoops;
import org.fthmc.spi.RunContext;

/**
 * The Wilson (gradient) flow V̇ = Z(V) V with Z = −F, F the force of S_W = Σ_p Re tr(1 − P) (our Wilson action at
 * β = N), integrated with Lüscher's third-order Runge–Kutta scheme (JHEP 08 (2010) 071, eq. C.1–C.3):
 * W1 = e^{Z0/4} V, W2 = e^{8 Z1/9 − 17 Z0/36} W1, V(t+ε) = e^{3 Z2/4 − 8 Z1/9 + 17 Z0/36} W2, Z_i = ε Z(W_i).
 * E(t) is the plaquette definition E = 2 Σ_{μ<ν} Re tr(1 − P_μν) per site, and t0 and w0 follow from
 * t²E(t0) = 0.3 and t d/dt(t²E)|_{t = w0²} = 0.3.
 */
public final class WilsonFlow {
    /** One point of the flow: t, E(t) and t²E(t). */
    public record Point(double t, double e, double t2e) {
    }

    private final SUN group;
    private final SunDslAction force;
    private final SiteLoops loops;
    private final PlaquetteMeter plaquettes;

    public WilsonFlow(LinkField shape, SiteLoops loops) {
        this.group = (SUN) shape.group();
        this.loops = loops;
        RunContext context = new RunContext(shape.lattice(), group, loops, SingleProcessCommunicator.INSTANCE);
        this.force = new SunDslAction(context, u -> SunLoops.plaquetteDensity(u).sum().times(group.n()));
        this.plaquettes = new PlaquetteMeter(shape.lattice(), group, loops, SingleProcessCommunicator.INSTANCE);
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

    /** E = 2 N Σ_{μ<ν} (1 − (1/N) Re tr P) per site. */
    public double energyDensity(LinkField u) {
        return 2 * group.n() * plaquettes.density(u) / u.lattice().volume();
    }

    private Point point(LinkField u, double t) {
        double e = energyDensity(u);
        return new Point(t, e, t * t * e);
    }

    /** t0 from t²E(t0) = 0.3 by linear interpolation, or NaN when the flow did not reach it. */
    public static double t0(List<Point> points) {
        for (int i = 1; i < points.size(); i++) {
            Point a = points.get(i - 1);
            Point b = points.get(i);
            if (a.t2e() < 0.3 && b.t2e() >= 0.3) {
                return a.t() + (0.3 - a.t2e()) * (b.t() - a.t()) / (b.t2e() - a.t2e());
            }
        }
        return Double.NaN;
    }

    /** w0 from W(t) = t d/dt(t²E) = 0.3 at t = w0² (central differences, linear interpolation), or NaN. */
    public static double w0(List<Point> points) {
        double previousW = Double.NaN;
        double previousT = Double.NaN;
        for (int i = 1; i + 1 < points.size(); i++) {
            Point a = points.get(i - 1);
            Point c = points.get(i + 1);
            double t = points.get(i).t();
            double w = t * (c.t2e() - a.t2e()) / (c.t() - a.t());
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
