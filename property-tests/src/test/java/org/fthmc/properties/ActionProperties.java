package org.fthmc.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.fthmc.config.RunPlan;
import org.fthmc.field.LinkField;
import org.fthmc.spi.GaugeAction;
import org.fthmc.spi.PluginKind;

/**
 * Every registered gauge action: its force is the left derivative of the action (SCIENCE.md §1), it is gauge
 * invariant, and its named terms (for multi-time-scale integration) add up to the whole action and force.
 */
class ActionProperties {
    @Provide
    Arbitrary<String> actions() {
        return Arbitraries.of(Fixtures.names(PluginKind.ACTION));
    }

    @Provide
    Arbitrary<int[]> shapes() {
        return Arbitraries.integers().between(2, 4).array(int[].class).ofMinSize(2).ofMaxSize(4)
                .filter(d -> java.util.Arrays.stream(d).reduce(1, (a, b) -> a * b) <= 96);
    }

    @Property(tries = 40)
    void forceEqualsFiniteDifferenceOfTheAction(@ForAll("actions") String action, @ForAll("shapes") int[] dims,
                                                @ForAll @IntRange(min = 0, max = 1_000_000) int seed) {
        Random random = new Random(seed);
        List<RunPlan> plans = Fixtures.plans(action, "leapfrog", dims, 1, random, Map.of());
        assertFalse(plans.isEmpty(), action + " accepts no known group");
        for (RunPlan plan : plans) {
            try (plan) {
                LinkField u = LinkField.hot(plan.lattice(), plan.group(), seed, 0);
                GaugeAction s = plan.action();
                double[] force = new double[plan.lattice().links() * plan.group().algebraDimension()];
                s.addForce(u, 1, force);
                double h = 1e-5;
                double[] p = new double[force.length];
                // Check a few random links: d/dt S(exp(t T_a) U) at t = 0 by central differences.
                for (int k = 0; k < 6; k++) {
                    int component = random.nextInt(force.length);
                    p[component] = 1;
                    LinkField plus = u.copy();
                    plan.group().evolve(plus.data(), p, h, 0, plan.lattice().links());
                    LinkField minus = u.copy();
                    plan.group().evolve(minus.data(), p, -h, 0, plan.lattice().links());
                    p[component] = 0;
                    double fd = (s.action(plus) - s.action(minus)) / (2 * h);
                    assertEquals(fd, force[component], 1e-7 * Math.max(1, Math.abs(fd)), action + " component " + component);
                }
            }
        }
    }

    @Property(tries = 20)
    void termsAddUpToTheWholeAction(@ForAll("actions") String action, @ForAll("shapes") int[] dims,
                                    @ForAll @IntRange(min = 0, max = 1_000_000) int seed) {
        for (RunPlan plan : Fixtures.plans(action, "leapfrog", dims, 1, new Random(seed), Map.of())) {
            try (plan) {
                LinkField u = LinkField.hot(plan.lattice(), plan.group(), seed, 0);
                GaugeAction whole = plan.action();
                int components = plan.lattice().links() * plan.group().algebraDimension();
                double[] expected = new double[components];
                whole.addForce(u, 1, expected);
                double[] sum = new double[components];
                double total = 0;
                assertFalse(whole.terms().isEmpty(), action + " has no terms");
                for (GaugeAction term : whole.terms().values()) {
                    term.addForce(u, 1, sum);
                    total += term.action(u);
                }
                assertEquals(whole.action(u), total, 1e-12 * Math.abs(whole.action(u)), action);
                for (int i = 0; i < components; i++) {
                    assertEquals(expected[i], sum[i], 1e-11 * Math.max(1, Math.abs(expected[i])), "component " + i);
                }
            }
        }
    }

    @Property(tries = 20)
    void actionsAreGaugeInvariant(@ForAll("actions") String action, @ForAll("shapes") int[] dims,
                                  @ForAll @IntRange(min = 0, max = 1_000_000) int seed) {
        for (RunPlan plan : Fixtures.plans(action, "leapfrog", dims, 1, new Random(seed), Map.of())) {
            try (plan) {
                LinkField u = LinkField.hot(plan.lattice(), plan.group(), seed, 0);
                double s = plan.action().action(u);
                assertEquals(s, plan.action().action(Fixtures.gaugeTransformed(u, seed)), 1e-12 * Math.max(1, Math.abs(s)), action);
            }
        }
    }
}
