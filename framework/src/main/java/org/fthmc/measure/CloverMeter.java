package org.fthmc.measure;

import org.fthmc.field.LinkField;
import org.fthmc.group.SUN;
import org.fthmc.lattice.Lattice;
import org.fthmc.math.ComplexMatrices;
import org.fthmc.parallel.SiteLoops;

/**
 * Clover (four-leaf) field strength of an SU(N) field and what is built on it: F_μν(x) = (1/8)(C − C†) made
 * traceless, C the sum of the four plaquettes in the μν plane that start and end at x (all counter-clockwise);
 * the energy density E = −Σ_{μ<ν} tr(F_μν F_μν) (per site, averaged) and, in 4D, the topological charge
 * Q = −(1/32π²) Σ_x ε_μνρσ tr(F_μν F_ρσ) = −(1/4π²) Σ_x [tr(F01 F23) − tr(F02 F13) + tr(F03 F12)]. With F
 * anti-Hermitian, both are the continuum expressions (E = ¼ G^a G^a, Q = ∫ q); a constant abelian flux checks them
 * exactly. On a slab of a distributed lattice it fills the field's halo first (the clover reaches one site back
 * and forth) and sums over every process in the one-process order. Use from one thread at a time.
 */
public final class CloverMeter {
    /** The mean clover energy density per site and the total clover charge (NaN unless D = 4). */
    public record Result(double energy, double charge) {
    }

    private final Lattice lattice;
    private final SUN group;
    private final SiteLoops loops;

    public CloverMeter(Lattice lattice, SUN group, SiteLoops loops) {
        this.lattice = lattice;
        this.group = group;
        this.loops = loops;
    }

    public Result measure(LinkField u) {
        u.exchangeHalos();
        int d = lattice.dimensions();
        int planes = d * (d - 1) / 2;
        int n = group.n();
        int s = group.storage();
        double[] energy = new double[lattice.volume()];
        double[] charge = new double[lattice.volume()];
        loops.forRange(lattice.volume(), (from, to) -> {
            double[][] f = new double[planes][s];
            double[] leaf = new double[s];
            double[] t = new double[s];
            for (int x = from; x < to; x++) {
                double e = 0;
                int p = 0;
                for (int mu = 0; mu < d; mu++) {
                    for (int nu = mu + 1; nu < d; nu++) {
                        fieldStrength(u.data(), x, mu, nu, f[p], leaf, t);
                        e -= reTraceProduct(f[p], f[p], n);
                        p++;
                    }
                }
                energy[x] = e;
                if (d == 4) {
                    // planes in order 01, 02, 03, 12, 13, 23
                    charge[x] = reTraceProduct(f[0], f[5], n) - reTraceProduct(f[1], f[4], n) + reTraceProduct(f[2], f[3], n);
                }
            }
        });
        return new Result(total(energy) / lattice.globalVolume(), d == 4 ? -total(charge) / (4 * Math.PI * Math.PI) : Double.NaN);
    }

    /** The sum over the whole lattice, bit-identical for any number of processes and threads. */
    private double total(double[] perSite) {
        return lattice.sumInOrder(loops.blockSums(perSite.length, (from, to) -> {
            double sum = 0;
            for (int i = from; i < to; i++) {
                sum += perSite[i];
            }
            return sum;
        }), 1);
    }

    /** f = traceless (1/8)(C − C†) of the clover C of plane μν at x; leaf and t are scratch. */
    private void fieldStrength(double[] links, int x, int mu, int nu, double[] f, double[] leaf, double[] t) {
        int n = group.n();
        int s = group.storage();
        int d = lattice.dimensions();
        java.util.Arrays.fill(f, 0);
        int xm = lattice.forward(x, mu);
        int xn = lattice.forward(x, nu);
        int xbm = lattice.backward(x, mu);
        int xbn = lattice.backward(x, nu);
        // each leaf: four links from x around a plaquette, counter-clockwise in the μν plane
        addLeaf(links, n, s, d, leaf, t, f, x, mu, false, xm, nu, false, xn, mu, true, x, nu, true);
        addLeaf(links, n, s, d, leaf, t, f, x, nu, false, lattice.forward(xbm, nu), mu, true, xbm, nu, true, xbm, mu, false);
        int xbmbn = lattice.backward(xbm, nu);
        addLeaf(links, n, s, d, leaf, t, f, xbm, mu, true, xbmbn, nu, true, xbmbn, mu, false, xbn, nu, false);
        addLeaf(links, n, s, d, leaf, t, f, xbn, nu, true, xbn, mu, false, lattice.forward(xbn, mu), nu, false, x, mu, true);
        // f holds C; make it (1/8)(C − C†) minus its trace part
        double[] c = f.clone();
        double traceIm = 0;
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                int ik = 2 * (i * n + k);
                int ki = 2 * (k * n + i);
                f[ik] = (c[ik] - c[ki]) / 8;
                f[ik + 1] = (c[ik + 1] + c[ki + 1]) / 8;
            }
            traceIm += f[2 * (i * n + i) + 1];
        }
        for (int i = 0; i < n; i++) {
            f[2 * (i * n + i) + 1] -= traceIm / n;
        }
    }

    /** out += U_a U_b U_c U_d for four (site, direction, dagger) links. */
    private static void addLeaf(double[] links, int n, int s, int d, double[] leaf, double[] t, double[] out,
                                int sa, int ma, boolean da, int sb, int mb, boolean db, int sc, int mc, boolean dc,
                                int sd, int md, boolean dd) {
        ComplexMatrices.multiply(n, links, (sa * d + ma) * s, da, links, (sb * d + mb) * s, db, t, 0, false);
        ComplexMatrices.multiply(n, t, 0, false, links, (sc * d + mc) * s, dc, leaf, 0, false);
        ComplexMatrices.multiply(n, leaf, 0, false, links, (sd * d + md) * s, dd, out, 0, true);
    }

    /** Re tr(a b). */
    private static double reTraceProduct(double[] a, double[] b, int n) {
        double re = 0;
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                int ik = 2 * (i * n + k);
                int ki = 2 * (k * n + i);
                re += a[ik] * b[ki] - a[ik + 1] * b[ki + 1];
            }
        }
        return re;
    }
}
