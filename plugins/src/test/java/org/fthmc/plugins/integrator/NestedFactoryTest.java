package org.fthmc.plugins.integrator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.fthmc.ConfigError;
import org.fthmc.config.RunConfig;
import org.fthmc.run.RunPlan;
import org.fthmc.field.LinkField;
import org.fthmc.hmc.GaugeDynamics;
import org.fthmc.hmc.HmcUpdater;
import org.fthmc.hmc.ReversibilityResult;
import org.fthmc.rng.Purpose;
import org.fthmc.rng.RandomKey;
import org.fthmc.spi.PluginRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code integrator.type = nested} from a config: DBW2's rectangle and plaquette on two time scales. */
class NestedFactoryTest {
    private static final PluginRegistry REGISTRY = PluginRegistry.discover();

    private static RunPlan plan(String levels, String group, String action) {
        return RunPlan.build(RunConfig.parse("lattice { dims = [4, 4, 3], group = " + group + " }\n"
                + "action { " + action + " }\n"
                + "integrator { type = nested, steps = 4, trajectory-length = 1, levels = " + levels + " }\n"
                + "measurements.observables = []\n", "test.conf", List.of()), REGISTRY);
    }

    private static final String SPLIT = "[{ type = omelyan, terms = [rectangle] }, { type = leapfrog, steps = 3 }]";

    @ParameterizedTest
    @CsvSource({"su2, 'type = sun-improved, beta = 0.9, preset = dbw2'", "su3, 'type = sun-improved, beta = 0.9, preset = dbw2, force = dsl'",
            "u1, 'type = u1-improved, beta = 1.1, preset = iwasaki'"})
    void splitTrajectoriesAreReversibleAndCountTheirKicks(String group, String action) {
        try (RunPlan plan = plan(SPLIT, group, action)) {
            LinkField u = LinkField.hot(plan.lattice(), plan.group(), 5, 0);
            HmcUpdater hmc = new HmcUpdater(plan.action(), plan.integrator(), plan.context().loops(), plan.context().communicator());
            ReversibilityResult r = hmc.reversibility(u, 5, 0, 0, 1.0, 4);
            assertTrue(r.maxLinkDistance() < 1e-12, "max |dU| = " + r.maxLinkDistance());

            GaugeDynamics md = new GaugeDynamics(u, plan.action(), plan.context().loops());
            md.refreshMomenta(new RandomKey(5, 0, 0, Purpose.TEST));
            plan.integrator().integrate(md, 1.0, 4);
            // outer Omelyan: 8 rectangle kicks and 9 drifts, each 3 leapfrog steps of the plaquette term
            assertEquals(8 + 9 * 3, md.forceEvaluations());
            assertEquals(md.forceEvaluations(), plan.integrator().forceEvaluations(4));
        }
    }

    @Test
    void theSplitEnergyErrorIsSecondOrderInTheOuterStep() {
        double[] dH = new double[2];
        try (RunPlan plan = plan("[{ type = omelyan, terms = [rectangle] }, { type = omelyan, steps = 2 }]", "su2",
                "type = sun-improved, beta = 2.5, preset = iwasaki")) {
            for (int i = 0; i < 2; i++) {
                LinkField u = LinkField.hot(plan.lattice(), plan.group(), 3, 0);
                GaugeDynamics md = new GaugeDynamics(u, plan.action(), plan.context().loops());
                md.refreshMomenta(new RandomKey(3, 0, 0, Purpose.TEST));
                double h0 = md.hamiltonian();
                plan.integrator().integrate(md, 1.0, 40 << i);
                dH[i] = Math.abs(md.hamiltonian() - h0);
            }
        }
        assertEquals(2, Math.log(dH[0] / dH[1]) / Math.log(2), 0.2, "|dH| " + dH[0] + " -> " + dH[1]);
    }

    @Test
    void badLevelsAreRejectedWithTheirPlace() {
        ConfigError unknown = assertThrows(ConfigError.class,
                () -> plan("[{ type = omelyan, terms = [rectangel] }, { type = omelyan }]", "su2", "type = sun-improved, beta = 1"));
        assertTrue(unknown.getMessage().contains("did you mean 'rectangle'"), unknown.getMessage());
        assertTrue(unknown.getMessage().contains("test.conf:3"), unknown.getMessage());
        ConfigError steps = assertThrows(ConfigError.class,
                () -> plan("[{ type = omelyan, steps = 2 }]", "su2", "type = sun-wilson, beta = 1"));
        assertTrue(steps.getMessage().contains("integrator.steps"), steps.getMessage());
        ConfigError typo = assertThrows(ConfigError.class,
                () -> plan("[{ type = omelyan }, { type = omelyan, stpes = 2 }]", "su2", "type = sun-wilson, beta = 1"));
        assertTrue(typo.getMessage().contains("levels[1].stpes") && typo.getMessage().contains("did you mean 'steps'"), typo.getMessage());
        ConfigError twice = assertThrows(ConfigError.class,
                () -> plan("[{ type = omelyan, terms = [plaquette] }, { type = omelyan, terms = [plaquette] }]", "su2", "type = sun-improved, beta = 1"));
        assertTrue(twice.getMessage().contains("more than one level"), twice.getMessage());
        ConfigError nested = assertThrows(ConfigError.class, () -> plan("[{ type = nested }]", "su2", "type = sun-wilson, beta = 1"));
        assertTrue(nested.getMessage().contains("cannot itself be nested"), nested.getMessage());
        ConfigError empty = assertThrows(ConfigError.class, () -> plan("[]", "su2", "type = sun-wilson, beta = 1"));
        assertTrue(empty.getMessage().contains("at least one level"), empty.getMessage());
    }
}
