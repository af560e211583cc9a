package org.fthmc.plugins.action;

import org.fthmc.field.LinkField;
import org.fthmc.group.SUN;
import org.fthmc.lattice.Lattice;
import org.fthmc.lattice.SubLattice;
import org.fthmc.math.ComplexMatrices;
import org.fthmc.rng.Purpose;
import org.fthmc.rng.RandomKey;
import org.fthmc.spi.QuenchedUpdater;
import org.fthmc.spi.RunContext;

/**
 * Quenched updates of the SU(N) Wilson action by Cabibbo–Marinari: each link is updated in its N(N−1)/2 SU(2)
 * subgroups, by a heat bath (Creutz's algorithm for the SU(2) distribution ∝ exp(α z₀) on the 3-sphere) or by an
 * over-relaxation step (the reflection that keeps the action). Links of one direction and one parity share no
 * staple, so each such set is updated in parallel; random numbers are keyed by (seed, sweep, global site, draw), so
 * results do not depend on the thread count, nor on the processes of a distributed lattice (a slab fills its halo
 * before each set). An independent check of HMC and a fast thermaliser.
 */
public final class SunHeatBath implements QuenchedUpdater {
    private final double beta;
    private final RunContext context;
    private final SunLoopKernel staples;
    private final SUN group;
    private final int n;

    public SunHeatBath(double beta, RunContext context) {
        this.beta = beta;
        this.context = context;
        this.staples = SunLoopKernel.wilson(beta, context);
        this.group = (SUN) context.group();
        this.n = group.n();
    }

    @Override
    public void sweep(LinkField u, long seed, int stream, long sweep, int overRelaxations) {
        update(u, new RandomKey(seed, stream, sweep, Purpose.HEAT_BATH), true);
        for (int i = 0; i < overRelaxations; i++) {
            update(u, null, false);
        }
    }

    private void update(LinkField u, RandomKey key, boolean heatBath) {
        Lattice lattice = u.lattice();
        int d = lattice.dimensions();
        int s = group.storage();
        double[] links = u.data();
        for (int mu = 0; mu < d; mu++) {
            for (int parity = 0; parity < 2; parity++) {
                SubLattice sites = parityOf(lattice, parity);
                u.exchangeHalos(); // a slab's staples read the neighbours' links updated by the last set
                int direction = mu;
                context.loops().forRange(sites.size(), (from, to) -> {
                    double[] a = new double[s];
                    double[] t1 = new double[s];
                    double[] t2 = new double[s];
                    double[] w = new double[s];
                    double[] r = new double[s];
                    double[] tmp = new double[s];
                    for (int i = from; i < to; i++) {
                        int x = sites.sites()[i];
                        int o = (x * d + direction) * s;
                        staples.staple(lattice, links, x, direction, a, t1, t2);
                        for (int p = 0; p < n; p++) {
                            for (int q = p + 1; q < n; q++) {
                                ComplexMatrices.multiply(n, links, o, false, a, 0, false, w, 0, false);
                                subgroupUpdate(w, p, q, r, key, lattice.globalSite(x), (direction * n + p) * n + q, heatBath);
                                ComplexMatrices.multiply(n, r, 0, false, links, o, false, tmp, 0, false);
                                System.arraycopy(tmp, 0, links, o, s);
                            }
                        }
                    }
                });
            }
        }
        u.normalise(context.loops());
    }

    private SubLattice parityOf(Lattice lattice, int parity) {
        if (lattice.supportsParity()) {
            return lattice.paritySites(parity);
        }
        throw new IllegalArgumentException("the heat bath needs even extents (checkerboard), lattice is " + lattice);
    }

    /**
     * Writes into r the N×N embedding of the SU(2) element x for rows/columns (p, q) that updates W = U A:
     * with w the (p, q) block of W projected to k·v (v ∈ SU(2)), the heat bath draws z with weight exp((2βk/N) z₀)
     * and sets x = z v†; over-relaxation sets x = v† v†.
     */
    private void subgroupUpdate(double[] w, int p, int q, double[] r, RandomKey key, int site, int draw, boolean heatBath) {
        // the quaternion part of the block: w ≈ r0 + i(r1 σ1 + r2 σ2 + r3 σ3)
        double r0 = 0.5 * (w[2 * (p * n + p)] + w[2 * (q * n + q)]);
        double r3 = 0.5 * (w[2 * (p * n + p) + 1] - w[2 * (q * n + q) + 1]);
        double r2 = 0.5 * (w[2 * (p * n + q)] - w[2 * (q * n + p)]);
        double r1 = 0.5 * (w[2 * (p * n + q) + 1] + w[2 * (q * n + p) + 1]);
        double k = Math.sqrt(r0 * r0 + r1 * r1 + r2 * r2 + r3 * r3);
        double[] x = new double[4];
        if (k < 1e-14) {
            x[0] = 1;
        } else {
            double[] v = {r0 / k, r1 / k, r2 / k, r3 / k};
            double[] vInverse = {v[0], -v[1], -v[2], -v[3]};
            if (heatBath) {
                double[] z = sample(2 * beta * k / n, key, site, draw);
                x = quaternionProduct(z, vInverse);
            } else {
                x = quaternionProduct(vInverse, vInverse);
            }
        }
        java.util.Arrays.fill(r, 0);
        for (int i = 0; i < n; i++) {
            r[2 * (i * n + i)] = 1;
        }
        // x0 + i(x1 σ1 + x2 σ2 + x3 σ3) = [[x0 + i x3, x2 + i x1], [−x2 + i x1, x0 − i x3]]
        r[2 * (p * n + p)] = x[0];
        r[2 * (p * n + p) + 1] = x[3];
        r[2 * (p * n + q)] = x[2];
        r[2 * (p * n + q) + 1] = x[1];
        r[2 * (q * n + p)] = -x[2];
        r[2 * (q * n + p) + 1] = x[1];
        r[2 * (q * n + q)] = x[0];
        r[2 * (q * n + q) + 1] = -x[3];
    }

    /** z ∈ SU(2) with weight exp(α z₀) (Haar measure): z₀ by Creutz's algorithm, the rest uniform on the sphere. */
    private static double[] sample(double alpha, RandomKey key, int site, int draw) {
        double[] u = new double[2];
        double z0 = 1;
        for (int attempt = 0; attempt < 10_000; attempt++) {
            key.uniformPair(site, draw * 10_000 + attempt, u);
            // z0 ∈ [−1, 1] with density ∝ e^{α z0} (inverse transform), accepted with probability √(1 − z0²)
            z0 = 1 + Math.log(u[0] + (1 - u[0]) * Math.exp(-2 * alpha)) / alpha;
            if (u[1] * u[1] <= 1 - z0 * z0) {
                break;
            }
        }
        key.uniformPair(site, draw * 10_000 + 9_999, u);
        double cosTheta = 2 * u[0] - 1;
        double phi = 2 * Math.PI * u[1];
        double radius = Math.sqrt(Math.max(0, 1 - z0 * z0));
        double sinTheta = Math.sqrt(1 - cosTheta * cosTheta);
        return new double[] {z0, radius * sinTheta * Math.cos(phi), radius * sinTheta * Math.sin(phi), radius * cosTheta};
    }

    /** The product of SU(2) elements a0 + i a·σ and b0 + i b·σ, in the same form. */
    private static double[] quaternionProduct(double[] a, double[] b) {
        // (a0 + i a·σ)(b0 + i b·σ) = a0 b0 − a·b + i(a0 b + b0 a − a × b)·σ
        return new double[] {
            a[0] * b[0] - a[1] * b[1] - a[2] * b[2] - a[3] * b[3],
            a[0] * b[1] + b[0] * a[1] - (a[2] * b[3] - a[3] * b[2]),
            a[0] * b[2] + b[0] * a[2] - (a[3] * b[1] - a[1] * b[3]),
            a[0] * b[3] + b[0] * a[3] - (a[1] * b[2] - a[2] * b[1])};
    }
}
