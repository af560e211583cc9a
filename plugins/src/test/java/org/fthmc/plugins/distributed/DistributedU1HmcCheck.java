package org.fthmc.plugins.distributed;

import org.fthmc.comm.Communicator;
import org.fthmc.comm.SingleProcessCommunicator;
import org.fthmc.comm.mpi.MpiCommunicator;
import org.fthmc.field.LinkField;
import org.fthmc.group.U1;
import org.fthmc.hmc.HmcUpdater;
import org.fthmc.hmc.SplittingIntegrator;
import org.fthmc.hmc.TrajectoryResult;
import org.fthmc.lattice.Lattice;
import org.fthmc.parallel.SiteLoops;
import org.fthmc.plugins.action.U1WilsonAction;
import org.fthmc.spi.RunContext;

/**
 * The program {@link DistributedU1HmcTest} runs on 1, 2 and 4 processes: 2D U(1) Wilson HMC (β = 3, Omelyan, 8
 * steps) on 32² from a hot start, the lattice split into slabs along t over the processes. Rank 0 prints ΔH of
 * every trajectory and the final action as the bits of their doubles, which must not depend on the processes.
 * Arguments: threads per process.
 */
public final class DistributedU1HmcCheck {
    private DistributedU1HmcCheck() {
    }

    public static void main(String[] args) {
        int threads = Integer.parseInt(args[0]);
        int[] extent = {32, 32};
        int ranks = MpiCommunicator.launchedSize();
        MpiCommunicator mpi = MpiCommunicator.launchedByMpirun() ? MpiCommunicator.open(new int[] {1, ranks}) : null;
        Communicator communicator = mpi != null ? mpi : SingleProcessCommunicator.INSTANCE;
        Lattice lattice = Lattice.slab(extent, ranks, communicator.rank(), 1);
        try (SiteLoops loops = new SiteLoops(threads)) {
            RunContext context = new RunContext(lattice, U1.INSTANCE, loops, communicator);
            U1WilsonAction action = new U1WilsonAction(3.0, context);
            double lambda = 0.1931833275037836;
            HmcUpdater hmc = new HmcUpdater(action, new SplittingIntegrator(SplittingIntegrator.First.POSITION, 2,
                    lambda, 0.5, 1 - 2 * lambda, 0.5, lambda), loops, communicator);
            LinkField u = LinkField.hot(lattice, U1.INSTANCE, 11, 0);
            StringBuilder out = new StringBuilder();
            for (int t = 0; t < 6; t++) {
                TrajectoryResult r = hmc.trajectory(u, 11, 0, t, 1.0, 8, t >= 2);
                out.append("trajectory ").append(t).append(" dH ").append(Long.toHexString(Double.doubleToLongBits(r.deltaH())))
                        .append(r.accepted() ? " accepted" : " rejected").append('\n');
            }
            out.append("action ").append(Long.toHexString(Double.doubleToLongBits(action.action(u)))).append('\n');
            if (communicator.rank() == 0) {
                System.out.print(out);
            }
        } finally {
            if (mpi != null) {
                mpi.close();
            }
        }
    }
}
