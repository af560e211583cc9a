package org.fthmc.plugins.distributed;

import org.fthmc.comm.Communicator;
import org.fthmc.comm.SingleProcessCommunicator;
import org.fthmc.comm.mpi.MpiCommunicator;
import org.fthmc.field.LinkField;
import org.fthmc.gauge.PlaquetteMeter;
import org.fthmc.gauge.SunDslAction;
import org.fthmc.gauge.SunLoops;
import org.fthmc.group.LinkGroup;
import org.fthmc.group.SUN;
import org.fthmc.group.U1;
import org.fthmc.hmc.HmcUpdater;
import org.fthmc.hmc.SplittingIntegrator;
import org.fthmc.hmc.TrajectoryResult;
import org.fthmc.lattice.Lattice;
import org.fthmc.measure.WilsonFlow;
import org.fthmc.parallel.SiteLoops;
import org.fthmc.plugins.action.SunHeatBath;
import org.fthmc.plugins.action.SunLoopKernel;
import org.fthmc.plugins.action.U1WilsonAction;
import org.fthmc.spi.GaugeAction;
import org.fthmc.spi.RunContext;

/**
 * The program {@link DistributedHmcTest} runs on 1, 2 and 4 processes: HMC from a hot start (Omelyan), the
 * lattice split into slabs along t over the processes. Rank 0 prints ΔH of every trajectory, the final action and,
 * for SU(N), the DSL-measured plaquette and t²E (plaquette and clover) and Q of the Wilson-flowed field, as the bits
 * of their doubles, which must not depend on the processes.
 * Arguments: the case ({@code u1}: 2D U(1) Wilson, β = 3, 32²; {@code su3-dbw2}: SU(3) DBW2 kernel, β = 0.7796,
 * 4³×16; {@code su3-dsl}: the same action with the DSL-derived force; {@code su3-heatbath}: 3 heat-bath sweeps with
 * over-relaxation of SU(3) Wilson at β = 5.7, then HMC), threads per process, and optionally a process grid (e.g.
 * {@code 1,1,2,2}: blocks instead of slabs along t; SU(3) then on 8⁴).
 */
public final class DistributedHmcCheck {
    private DistributedHmcCheck() {
    }

    public static void main(String[] args) {
        String which = args[0];
        int threads = Integer.parseInt(args[1]);
        boolean u1 = which.equals("u1");
        int[] grid;
        int[] extent;
        if (args.length > 2) {
            grid = java.util.Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray();
            extent = u1 ? new int[] {32, 32} : new int[] {8, 8, 8, 8};
        } else {
            extent = u1 ? new int[] {32, 32} : new int[] {4, 4, 4, 16};
            grid = new int[extent.length];
            java.util.Arrays.fill(grid, 1);
            grid[extent.length - 1] = MpiCommunicator.launchedSize();
        }
        MpiCommunicator mpi = MpiCommunicator.launchedByMpirun() ? MpiCommunicator.open(grid) : null;
        Communicator communicator = mpi != null ? mpi : SingleProcessCommunicator.INSTANCE;
        Lattice lattice = Lattice.local(extent, communicator, 2);
        LinkGroup group = u1 ? U1.INSTANCE : SUN.of(3);
        try (SiteLoops loops = new SiteLoops(threads)) {
            RunContext context = new RunContext(lattice, group, loops, communicator);
            double c1 = -1.4088;
            GaugeAction action = switch (which) {
                case "u1" -> new U1WilsonAction(3.0, context);
                case "su3-dbw2" -> SunLoopKernel.improved(0.7796, c1, context);
                case "su3-dsl" -> new SunDslAction(context, u -> SunLoops.improvedDensity(u, c1).sum().times(0.7796));
                case "su3-heatbath" -> SunLoopKernel.wilson(5.7, context);
                default -> throw new IllegalArgumentException(which);
            };
            double lambda = 0.1931833275037836;
            HmcUpdater hmc = new HmcUpdater(action, new SplittingIntegrator(SplittingIntegrator.First.POSITION, 2,
                    lambda, 0.5, 1 - 2 * lambda, 0.5, lambda), loops, communicator);
            LinkField u = LinkField.hot(lattice, group, 11, 0);
            StringBuilder out = new StringBuilder();
            if (which.equals("su3-heatbath")) {
                SunHeatBath heatBath = new SunHeatBath(5.7, context);
                for (int sweep = 0; sweep < 3; sweep++) {
                    heatBath.sweep(u, 11, 0, sweep, 1);
                }
            }
            int trajectories = u1 ? 6 : 3;
            for (int t = 0; t < trajectories; t++) {
                TrajectoryResult r = hmc.trajectory(u, 11, 0, t, u1 ? 1.0 : 0.2, u1 ? 8 : 4, t >= 1);
                out.append("trajectory ").append(t).append(" dH ").append(bits(r.deltaH()))
                        .append(r.accepted() ? " accepted" : " rejected").append('\n');
            }
            out.append("action ").append(bits(action.action(u))).append('\n');
            if (!u1) {
                out.append("plaquette ").append(bits(new PlaquetteMeter(lattice, (SUN) group, loops).averagePlaquette(u))).append('\n');
                SUN sun = (SUN) group;
                WilsonFlow.Point flowed = new WilsonFlow(u, loops, SunLoopKernel.wilson(WilsonFlow.betaOf(sun), context))
                        .flow(u.copy(), 0.05, 0.2).getLast();
                out.append("flowed t2E ").append(bits(flowed.t2e())).append(" clover ").append(bits(flowed.t2eClover()))
                        .append(" Q ").append(bits(flowed.charge())).append('\n');
            }
            if (communicator.rank() == 0) {
                System.out.print(out);
            }
        } finally {
            if (mpi != null) {
                mpi.close();
            }
        }
    }

    private static String bits(double v) {
        return Long.toHexString(Double.doubleToLongBits(v)) + " (" + v + ")";
    }
}
