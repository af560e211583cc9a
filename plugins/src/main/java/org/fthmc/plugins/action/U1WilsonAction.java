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
 * It is the hot loop of U(1) HMC, so it reads the neighbour tables directly.
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
        this.sinPlaquette = new double[planes][lattice.volume()];
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
        return Map.of("plaquette", U1Exact.plaquette(beta, lattice.volume()),
                "q2", U1Exact.topologicalChargeSquared(beta, lattice.volume()));
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
        double[] theta = u.data();
        Lattice lattice = u.lattice();
        double sum = context.loops().sum(lattice.volume(), (from, to) -> {
            double s = 0;
            for (int x = from; x < to; x++) {
                for (int p = 0; p < planes; p++) {
                    s += 1 - Trig.cos(plaquetteAngle(theta, lattice, x, planeMu[p], planeNu[p]));
                }
            }
            return s;
        });
        return beta * context.communicator().sum(sum);
    }

    @Override
    public void addForce(LinkField u, double scale, double[] target) {
        double[] theta = u.data();
        Lattice lattice = u.lattice();
        int volume = lattice.volume();
        context.loops().forRange(volume, (from, to) -> {
            for (int p = 0; p < planes; p++) {
                int mu = planeMu[p];
                int nu = planeNu[p];
                int[] upMu = lattice.forwardTable(mu);
                int[] upNu = lattice.forwardTable(nu);
                double[] sinP = sinPlaquette[p];
                for (int x = from; x < to; x++) {
                    sinP[x] = Trig.sin(theta[x * dims + mu] + theta[upMu[x] * dims + nu]
                            - theta[upNu[x] * dims + mu] - theta[x * dims + nu]);
                }
            }
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
