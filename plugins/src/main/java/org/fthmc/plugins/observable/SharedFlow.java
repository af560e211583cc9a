package org.fthmc.plugins.observable;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fthmc.comm.Communicator;
import org.fthmc.field.LinkField;
import org.fthmc.group.SUN;
import org.fthmc.measure.WilsonFlow;
import org.fthmc.plugins.action.SunLoopKernel;
import org.fthmc.spi.RunContext;

/**
 * The Wilson flow behind the flow observables, shared by those of one run: {@code flow-t2e} and {@code flow-charge}
 * listed with the same t and step flow each measured field once, not once each. A flow's end point is kept with a
 * copy of the field it started from and reused while the next field asked for is that field again; whether it is
 * is decided by every process together (a reuse on one process and a flow on another would stall the flow's halo
 * exchanges), and a field that differs in any stored number, halos included, is flowed afresh. Only the memos of
 * the run (context) measured last are kept: a new context (the next run in this process, the next file of
 * {@code fthmc measure}) drops the others' flows and field copies.
 */
final class SharedFlow {
    private RunContext current;
    private Map<List<Double>, Memo> memos = new HashMap<>();

    /** The flow's end point at flow time t, in RK3 steps of the given size, of u (left unchanged). */
    synchronized WilsonFlow.Point endPoint(RunContext context, LinkField u, double step, double t) {
        if (!context.equals(current)) {
            current = context;
            memos = new HashMap<>();
        }
        return memos.computeIfAbsent(List.of(step, t), k -> new Memo(context, step, t)).endPoint(u);
    }

    /** How many fields were flowed for this run (for tests: sharing shows as fewer flows than measurements). */
    synchronized int flows(RunContext context) {
        return context.equals(current) ? memos.values().stream().mapToInt(m -> m.flows).sum() : 0;
    }

    /** One flow setting's last start field and end point. */
    private static final class Memo {
        private final WilsonFlow flow;
        private final Communicator communicator;
        private final double step;
        private final double t;
        private double[] start;
        private WilsonFlow.Point end;
        private int flows;

        Memo(RunContext context, double step, double t) {
            SUN group = (SUN) context.group();
            this.flow = new WilsonFlow(LinkField.cold(context.lattice(), group), context.loops(),
                    SunLoopKernel.wilson(WilsonFlow.betaOf(group), context));
            this.communicator = context.communicator();
            this.step = step;
            this.t = t;
        }

        WilsonFlow.Point endPoint(LinkField u) {
            boolean sameHere = start != null && Arrays.equals(start, u.data());
            if (communicator.max(sameHere ? 0 : 1) == 0) {
                return end;
            }
            start = u.data().clone();
            end = flow.flowTo(u.copy(), step, t);
            flows++;
            return end;
        }
    }
}
