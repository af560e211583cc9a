package org.fthmc.plugins.observable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.typesafe.config.ConfigFactory;
import java.util.List;
import org.fthmc.comm.SingleProcessCommunicator;
import org.fthmc.config.Settings;
import org.fthmc.field.LinkField;
import org.fthmc.group.SUN;
import org.fthmc.lattice.Lattice;
import org.fthmc.measure.WilsonFlow;
import org.fthmc.parallel.SiteLoops;
import org.fthmc.plugins.action.SunLoopKernel;
import org.fthmc.spi.Observable;
import org.fthmc.spi.RunContext;
import org.junit.jupiter.api.Test;

class FlowObservableFactoryTest {
    private static final Lattice LATTICE = new Lattice(4, 4, 4, 4);
    private static final SUN SU3 = SUN.of(3);

    private static Observable create(FlowObservableFactory factory, String block, RunContext context) {
        return factory.create(Settings.of("observable", ConfigFactory.parseString(block)), context);
    }

    @Test
    void t2eAndChargeAtOneFlowTimeFlowEachFieldOnceAndMatchTheFlowsEndPoint() {
        RunContext context = new RunContext(LATTICE, SU3, SiteLoops.serial(), SingleProcessCommunicator.INSTANCE);
        SharedFlow flows = new SharedFlow();
        Observable t2e = create(new FlowObservableFactory(false, flows), "t = 0.2, step = 0.05, definition = clover", context);
        Observable q = create(new FlowObservableFactory(true, flows), "t = 0.2, step = 0.05", context);
        WilsonFlow reference = new WilsonFlow(LinkField.cold(LATTICE, SU3), context.loops(),
                SunLoopKernel.wilson(WilsonFlow.betaOf(SU3), context));

        LinkField u = LinkField.hot(LATTICE, SU3, 7, 0);
        LinkField before = u.copy();
        WilsonFlow.Point end = reference.flow(u.copy(), 0.05, 0.2).getLast();
        assertEquals(end.t2eClover(), t2e.measure(u));
        assertEquals(end.charge(), q.measure(u));
        assertEquals(1, flows.flows(context), "the second observable reuses the first one's flow");
        assertEquals(0, before.maxDistance(u), "measuring leaves the field unchanged");

        u.data()[5] += 1e-9; // a field differing in one number is flowed afresh
        double changed = q.measure(u);
        assertEquals(2, flows.flows(context));
        assertEquals(reference.flow(u.copy(), 0.05, 0.2).getLast().charge(), changed);
        assertNotEquals(end.charge(), changed);

        Observable later = create(new FlowObservableFactory(false, flows), "t = 0.3, step = 0.05, definition = plaquette", context);
        assertEquals(reference.flow(u.copy(), 0.05, 0.3).getLast().t2e(), later.measure(u));
        assertEquals(3, flows.flows(context), "another flow time is another flow");

        RunContext next = new RunContext(new Lattice(4, 4, 4, 4), SU3, SiteLoops.serial(), SingleProcessCommunicator.INSTANCE);
        Observable nextQ = create(new FlowObservableFactory(true, flows), "t = 0.2, step = 0.05", next);
        assertEquals(changed, nextQ.measure(u));
        assertEquals(1, flows.flows(next), "a new run flows afresh");
        assertEquals(0, flows.flows(context), "and the earlier run's flows are dropped");
    }

    @Test
    void theFactoriesOfOneRegistryShareTheirFlows() {
        List<?> factories = FlowObservableFactory.factories();
        assertSame(((FlowObservableFactory) factories.get(0)).flows, ((FlowObservableFactory) factories.get(1)).flows);
    }
}
