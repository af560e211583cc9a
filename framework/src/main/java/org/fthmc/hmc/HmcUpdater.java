package org.fthmc.hmc;

import org.fthmc.comm.Communicator;
import org.fthmc.field.LinkField;
import org.fthmc.parallel.SiteLoops;
import org.fthmc.rng.Purpose;
import org.fthmc.rng.RandomKey;
import org.fthmc.spi.GaugeAction;
import org.fthmc.spi.Integrator;

/**
 * One HMC trajectory: momentum refresh, molecular dynamics, Metropolis accept/reject with probability
 * min(1, e^{−ΔH}). All random numbers are keyed by (seed, stream, trajectory), so a trajectory's outcome depends
 * only on its input field and its coordinates.
 */
public final class HmcUpdater {
    private final GaugeAction action;
    private final Integrator integrator;
    private final SiteLoops loops;
    private final Communicator communicator;

    public HmcUpdater(GaugeAction action, Integrator integrator, SiteLoops loops, Communicator communicator) {
        this.action = action;
        this.integrator = integrator;
        this.loops = loops;
        this.communicator = communicator;
    }

    /**
     * Updates u in place (it keeps its old value on rejection). With {@code metropolis} false every trajectory is
     * accepted (for thermalisation from a cold or hot start, where ΔH is large).
     */
    public TrajectoryResult trajectory(LinkField u, long seed, int stream, long trajectory, double tau, int steps,
                                       boolean metropolis) {
        LinkField start = u.copy();
        GaugeDynamics md = new GaugeDynamics(u, action, loops);
        md.refreshMomenta(new RandomKey(seed, stream, trajectory, Purpose.MOMENTUM));
        double h0 = md.hamiltonian();
        integrator.integrate(md, tau, steps);
        double dH = md.hamiltonian() - h0;
        double r = new RandomKey(seed, stream, trajectory, Purpose.METROPOLIS).uniform(0, 0);
        // dH is a global sum and r is keyed by global site 0, so every process takes the same decision.
        boolean accepted = !metropolis || r < Math.exp(-dH);
        if (!accepted) {
            u.copyFrom(start);
        }
        u.normalise(loops);
        return new TrajectoryResult(dH, accepted, md.forceEvaluations());
    }

    /**
     * Runs a trajectory forward, reverses the momenta and runs it back, on a copy of u (u is not changed).
     * Returns the largest link distance from the start and |H_end − H_start|; both vanish up to rounding for a
     * reversible integrator.
     */
    public ReversibilityResult reversibility(LinkField u, long seed, int stream, long trajectory, double tau, int steps) {
        LinkField w = u.copy();
        GaugeDynamics md = new GaugeDynamics(w, action, loops);
        md.refreshMomenta(new RandomKey(seed, stream, trajectory, Purpose.MOMENTUM));
        double h0 = md.hamiltonian();
        integrator.integrate(md, tau, steps);
        md.flipMomenta();
        integrator.integrate(md, tau, steps);
        double dH = Math.abs(md.hamiltonian() - h0);
        return new ReversibilityResult(communicator.max(w.maxDistance(u)), dH);
    }
}
