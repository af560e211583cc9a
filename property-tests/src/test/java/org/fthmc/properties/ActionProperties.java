package org.fthmc.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.fthmc.run.RunPlan;
import org.fthmc.field.LinkField;
import org.fthmc.spi.GaugeAction;
import org.fthmc.spi.PluginKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every registered gauge action: its force is the left derivative of the action (docs/science.md §1), it is gauge
 * invariant, and its named terms (for multi-time-scale integration) add up to the whole action and force.
 */
class ActionProperties {
    static List<String> actions() {
        return Fixtures.names(PluginKind.ACTION);
    }

    /** Lattice extents drawn from the seed: 2 to 4 dimensions of 2 to 4 sites, at most 96 sites. */
    static int[] shape(Random random) {
        while (true) {
            int[] dims = new int[2 + random.nextInt(3)];
            for (int i = 0; i < dims.length; i++) {
                dims[i] = 2 + random.nextInt(3);
            }
            if (java.util.Arrays.stream(dims).reduce(1, (a, b) -> a * b) <= 96) {
                return dims;
            }
        }
    }

    /** The plans of an action with leapfrog on a lattice shape drawn from the seed, for every group it accepts. */
    private static java.util.function.BiFunction<Integer, Random, List<RunPlan>> plans(String action) {
        return (seed, random) -> Fixtures.plans(action, "leapfrog", shape(random), 1, random, Map.of());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("actions")
    void forceEqualsFiniteDifferenceOfTheAction(String action) {
        Fixtures.forPlans("force", action, 10, plans(action), (plan, seed, random) -> {
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
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("actions")
    void termsAddUpToTheWholeAction(String action) {
        Fixtures.forPlans("terms", action, 5, plans(action),
                (plan, seed, random) -> assertTermsAddUp(plan.action(), LinkField.hot(plan.lattice(), plan.group(), seed, 0), action));
    }

    /** The terms of an action (at least one) add up to its value and its force at u. */
    static void assertTermsAddUp(GaugeAction whole, LinkField u, String what) {
        int components = u.lattice().links() * u.group().algebraDimension();
        double[] expected = new double[components];
        whole.addForce(u, 1, expected);
        double[] sum = new double[components];
        double total = 0;
        assertFalse(whole.terms().isEmpty(), what + " has no terms");
        for (GaugeAction term : whole.terms().values()) {
            term.addForce(u, 1, sum);
            total += term.action(u);
        }
        double s = whole.action(u);
        assertEquals(s, total, 1e-12 * Math.abs(s), what);
        for (int i = 0; i < components; i++) {
            assertEquals(expected[i], sum[i], 1e-11 * Math.max(1, Math.abs(expected[i])), what + ": component " + i);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("actions")
    void actionsAreGaugeInvariant(String action) {
        Fixtures.forPlans("gauge", action, 5, plans(action), (plan, seed, random) -> {
            LinkField u = LinkField.hot(plan.lattice(), plan.group(), seed, 0);
            double s = plan.action().action(u);
            assertEquals(s, plan.action().action(Fixtures.gaugeTransformed(u, seed)), 1e-12 * Math.max(1, Math.abs(s)), action);
        });
    }
}
