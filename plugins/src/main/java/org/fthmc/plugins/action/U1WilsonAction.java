package org.fthmc.plugins.action;

import org.fthmc.dsl.Input;

import java.util.Map;
import org.fthmc.field.LinkField;
import org.fthmc.gauge.U1Loops;
import org.fthmc.lattice.Lattice;
import org.fthmc.math.Trig;
import org.fthmc.spi.ExactlySolvable;
import org.fthmc.spi.GaugeAction;
import org.fthmc.spi.RunContext;

/**
 * The U(1) Wilson action S = β Σ_{x, μ<ν} (1 − cos θ_μν(x)) in any dimension, with the hand-written force
 * F_μ(x) = ∂S/∂θ_μ(x) = β Σ_{ν≠μ} ± [sin θ_μν(x) − sin θ_μν(x − ν̂)].
 * The force takes two parallel passes: sin θ_P for every plaquette, then a gather per link (no write conflicts).
 * It is the hot loop of U(1) HMC, so it reads the neighbour tables directly. On a slab of a distributed lattice it
 * fills the field's halo first and computes sin θ_P on the lower halo slice too (the second pass reads it one step
 * back in time), so every owned value is the one-process arithmetic.
 */
public final class U1WilsonAction implements GaugeAction, ExactlySolvable {
    private final double beta;
    private final RunContext context;
    private final int dims;
    private final int planes;
    private final int[] planeMu;
    private final int[] planeNu;
    /** sin θ_P per plane and site: scratch of the force. */
    private final double[][] sinPlaquette;
    /** On a distributed lattice, the halo sites one step below the owned ones, whose plaquettes the force reads. */
    private final int[] lowerFace;

    public U1WilsonAction(double beta, RunContext context) {
        this.beta = beta;
        this.context = context;
        Lattice lattice = context.lattice();
        this.dims = lattice.dimensions();
        this.planes = dims * (dims - 1) / 2;
        this.planeMu = new int[planes];
        this.planeNu = new int[planes];
        int p = 0;
        for (int mu = 0; mu < dims; mu++) {
            for (int nu = mu + 1; nu < dims; nu++) {
                planeMu[p] = mu;
                planeNu[p] = nu;
                p++;
            }
        }
        this.sinPlaquette = new double[planes][lattice.sites()];
        this.lowerFace = lattice.lowerHaloFace();
    }

    public double beta() {
        return beta;
    }

    /** In 2D the plaquette and ⟨Q²⟩ are known exactly ({@link U1Exact}); in other dimensions nothing is. */
    @Override
    public Map<String, Double> exact(Lattice lattice) {
        if (lattice.dimensions() != 2) {
            return Map.of();
        }
        int volume = Math.toIntExact(lattice.globalVolume());
        return Map.of("plaquette", U1Exact.plaquette(beta, volume), "q2", U1Exact.topologicalChargeSquared(beta, volume));
    }

    /** θ_μν(x) = θ_μ(x) + θ_ν(x+μ̂) − θ_μ(x+ν̂) − θ_ν(x) for plane p = (μ, ν), μ < ν. */
    public static double plaquetteAngle(double[] theta, Lattice lattice, int site, int mu, int nu) {
        int d = lattice.dimensions();
        return theta[site * d + mu] + theta[lattice.forward(site, mu) * d + nu]
                - theta[lattice.forward(site, nu) * d + mu] - theta[site * d + nu];
    }

    /** The same action as a DSL graph (for training losses). */
    @Override
    public java.util.Optional<ActionGraph> graph() {
        java.util.List<org.fthmc.dsl.Input> theta = org.fthmc.gauge.U1DslAction.angleInputs(dims);
        return java.util.Optional.of(new ActionGraph(theta, U1Loops.action(theta, beta, 0)));
    }

    @Override
    public double action(LinkField u) {
        u.exchangeHalos();
        double[] theta = u.data();
        Lattice lattice = u.lattice();
        double[] sums = context.loops().blockSums(lattice.volume(), (from, to) -> {
            double s = 0;
            for (int x = from; x < to; x++) {
                for (int p = 0; p < planes; p++) {
                    s += 1 - Trig.cos(plaquetteAngle(theta, lattice, x, planeMu[p], planeNu[p]));
                }
            }
            return s;
        });
        return beta * lattice.sumInOrder(sums, 1);
    }

    /**
     * sin θ_P for every plane on the stored sites [from, to), or on {@code sites[from, to)} when a list is given (an
     * empty range does nothing).
     */
    private void plaquetteSines(double[] theta, Lattice lattice, int from, int to, int[] sites) {
        for (int p = 0; p < planes; p++) {
            int mu = planeMu[p];
            int nu = planeNu[p];
            int[] upMu = lattice.forwardTable(mu);
            int[] upNu = lattice.forwardTable(nu);
            double[] sinP = sinPlaquette[p];
            for (int i = from; i < to; i++) {
                int x = sites == null ? i : sites[i];
                sinP[x] = Trig.sin(theta[x * dims + mu] + theta[upMu[x] * dims + nu]
                        - theta[upNu[x] * dims + mu] - theta[x * dims + nu]);
            }
        }
    }

    @Override
    public void addForce(LinkField u, double scale, double[] target) {
        u.exchangeHalos();
        double[] theta = u.data();
        Lattice lattice = u.lattice();
        int volume = lattice.volume();
        context.loops().forRange(volume + lowerFace.length, (first, last) -> {
            // [0, volume) are the owned sites, the rest stand for the halo sites one step below them.
            plaquetteSines(theta, lattice, first, Math.min(last, volume), null);
            plaquetteSines(theta, lattice, Math.max(first, volume) - volume, last - volume, lowerFace);
        });
        double c = scale * beta;
        context.loops().forRange(volume, (from, to) -> {
            for (int p = 0; p < planes; p++) {
                int mu = planeMu[p];
                int nu = planeNu[p];
                int[] downMu = lattice.backwardTable(mu);
                int[] downNu = lattice.backwardTable(nu);
                double[] sinP = sinPlaquette[p];
                for (int x = from; x < to; x++) {
                    double s = sinP[x];
                    // link μ at x: + in P_μν(x), − in P_μν(x − ν̂); link ν at x: − in P_μν(x), + in P_μν(x − μ̂).
                    target[x * dims + mu] += c * (s - sinP[downNu[x]]);
                    target[x * dims + nu] += c * (sinP[downMu[x]] - s);
                }
            }
        });
    }
}
