package org.fthmc.properties;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.fthmc.ConfigError;
import org.fthmc.config.RunConfig;
import org.fthmc.run.RunPlan;
import org.fthmc.field.LinkField;
import org.fthmc.group.LinkGroup;
import org.fthmc.group.SUN;
import org.fthmc.group.U1;
import org.fthmc.hmc.HmcUpdater;
import org.fthmc.hmc.ReversibilityResult;
import org.fthmc.math.ComplexMatrices;
import org.fthmc.spi.FieldTransform;
import org.fthmc.spi.GaugeAction;
import org.fthmc.spi.PluginKind;
import org.fthmc.transform.TransformedAction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every registered field transformation, on every group it accepts (U(1) on 4×4, SU(2) and SU(3) on 2⁴), with
 * random required keys and randomised weights, a few fixed seeds each: ln|det F_*| equals the log-determinant of
 * the finite-difference Jacobian of the whole map; the inverse round trip; gauge covariance F(g·V) = g·F(V) with
 * ln J unchanged; the S_FT force against finite differences; S_FT's terms add up to it; reversible FT-HMC
 * trajectories. A new transform plugin is covered by all of these on every run, without test code.
 */
class TransformProperties {
    /**
     * Modes of built-in transforms beyond their defaults (a plugin's defaults are covered without listing), and the
     * example network of docs/writing-plugins.md inside both network-driven transforms.
     */
    private static final List<String> VARIANTS = List.of(
            "{ type = sun-masked-stout, coefficients = network, network { channels = [3], kernel = 1 } }",
            "{ type = sun-masked-stout, coefficients = network, network { channels = [2], kernel = 3 } }",
            "{ type = sun-masked-stout, coefficients = network, rectangles = true, network { channels = [2], kernel = 1 } }",
            "{ type = sun-masked-stout, chairs = true, init-scale = 2 }",
            "{ type = u1-masked-stout, sweeps = 1, network { type = affine } }",
            "{ type = sun-masked-stout, coefficients = network, network { type = affine } }");

    /** Every registered transform (with its defaults and random required keys) and the variants above. */
    static List<String> transforms() {
        List<String> all = new ArrayList<>(Fixtures.names(PluginKind.TRANSFORM));
        all.addAll(VARIANTS);
        return all;
    }

    /**
     * The plans of a transform (a registered name, with random values for its required keys, or a block) with its
     * weights moved randomly from their initialisation: U(1) 4×4 with u1-wilson, SU(2)/SU(3) 2⁴ with sun-wilson,
     * where it applies.
     */
    static List<RunPlan> plans(String transform, int seed) {
        Random random = new Random(seed);
        String block = transform.startsWith("{") ? transform : Fixtures.block(PluginKind.TRANSFORM, transform, random);
        List<RunPlan> plans = new ArrayList<>();
        String[][] setups = {{"u1", "[4, 4]", "u1-wilson"}, {"su2", "[2, 2, 2, 2]", "sun-wilson"}, {"su3", "[2, 2, 2, 2]", "sun-wilson"}};
        for (String[] s : setups) {
            String hocon = "lattice { dims = " + s[1] + ", group = " + s[0] + " }\naction { type = " + s[2] + ", beta = "
                    + (1 + 2 * random.nextDouble()) + " }\ntransform " + block + "\nintegrator { type = omelyan }\n"
                    + "hmc.threads = 1\nmeasurements.observables = []\n";
            try {
                RunPlan plan = RunPlan.build(RunConfig.parse(hocon, "property", List.of()), Fixtures.REGISTRY);
                Fixtures.randomiseWeights(plan.transform().orElseThrow(), random, 0.1);
                plans.add(plan);
            } catch (ConfigError notForThisGroup) {
                if (!notForThisGroup.getMessage().contains("group")) {
                    throw notForThisGroup;
                }
            }
        }
        assertFalse(plans.isEmpty(), transform + " accepts none of u1 (2D), su2, su3 (4D)");
        return plans;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transforms")
    void logJacobianEqualsTheFiniteDifferenceJacobian(String name) {
        Fixtures.forPlans("jacobian", name, 2, (seed, random) -> plans(name, seed), (plan, seed, random) -> {
            FieldTransform f = plan.transform().orElseThrow();
            LinkField v = LinkField.hot(plan.lattice(), plan.group(), seed, 0);
            LinkGroup g = plan.group();
            int dim = g.algebraDimension();
            int n = plan.lattice().links() * dim;
            double[][] jacobian = new double[n][n];
            double h = 1e-5;
            LinkField u0 = new LinkField(plan.lattice(), g);
            f.forward(v, u0);
            for (int j = 0; j < n; j++) {
                LinkField plus = moved(v, j, h);
                LinkField minus = moved(v, j, -h);
                LinkField up = new LinkField(plan.lattice(), g);
                LinkField um = new LinkField(plan.lattice(), g);
                f.forward(plus, up);
                f.forward(minus, um);
                for (int l = 0; l < plan.lattice().links(); l++) {
                    double[] t = tangent(g, up, um, u0, l);
                    for (int b = 0; b < dim; b++) {
                        jacobian[l * dim + b][j] = t[b] / (2 * h);
                    }
                }
            }
            double expected = org.fthmc.math.RealMatrices.logAbsDet(jacobian);
            assertEquals(expected, f.logJacobian(v), 1e-8 * Math.max(1, Math.abs(expected)), name + " on " + g.name());
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transforms")
    void theInverseUndoesTheMap(String name) {
        Fixtures.forPlans("inverse", name, 3, (seed, random) -> plans(name, seed), (plan, seed, random) -> {
            FieldTransform f = plan.transform().orElseThrow();
            LinkField v = LinkField.hot(plan.lattice(), plan.group(), seed, 0);
            LinkField u = new LinkField(plan.lattice(), plan.group());
            f.forward(v, u);
            LinkField back = new LinkField(plan.lattice(), plan.group());
            f.inverse(u, back);
            assertTrue(back.maxDistance(v) < 1e-12, name + ": |F^-1(F(V)) - V| = " + back.maxDistance(v));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transforms")
    void theMapIsGaugeCovariantAndItsJacobianGaugeInvariant(String name) {
        Fixtures.forPlans("covariance", name, 3, (seed, random) -> plans(name, seed), (plan, seed, random) -> {
            FieldTransform f = plan.transform().orElseThrow();
            LinkField v = LinkField.hot(plan.lattice(), plan.group(), seed, 0);
            LinkField u = new LinkField(plan.lattice(), plan.group());
            double logJ = f.forward(v, u);
            LinkField gu = new LinkField(plan.lattice(), plan.group());
            double gaugedLogJ = f.forward(Fixtures.gaugeTransformed(v, seed), gu);
            assertTrue(gu.maxDistance(Fixtures.gaugeTransformed(u, seed)) < 1e-12, name + ": F(gV) != gF(V)");
            assertEquals(logJ, gaugedLogJ, 1e-12 * Math.max(1, Math.abs(logJ)));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transforms")
    void theForceOfSftIsItsLeftDerivative(String name) {
        Fixtures.forPlans("force", name, 3, (seed, random) -> plans(name, seed), (plan, seed, random) -> {
            LinkField v = LinkField.hot(plan.lattice(), plan.group(), seed, 0);
            GaugeAction s = plan.sampledAction();
            double[] force = new double[plan.lattice().links() * plan.group().algebraDimension()];
            s.addForce(v, 1, force);
            double h = 1e-5;
            for (int k = 0; k < 5; k++) {
                int component = random.nextInt(force.length);
                double fd = (s.action(moved(v, component, h)) - s.action(moved(v, component, -h))) / (2 * h);
                assertEquals(fd, force[component], 1e-7 * Math.max(1, Math.abs(fd)), name + " component " + component);
            }
        });
    }

    /** A transform may keep state between forward and force (layer boundaries): mapping another field in between
     *  (with forward, or with map, which must give the same field) must not change the force at v. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("transforms")
    void thePulledBackForceDoesNotDependOnWhatWasMappedBefore(String name) {
        Fixtures.forPlans("state", name, 2, (seed, random) -> plans(name, seed), (plan, seed, random) -> {
            FieldTransform f = plan.transform().orElseThrow();
            LinkField v = LinkField.hot(plan.lattice(), plan.group(), seed, 0);
            LinkField other = LinkField.hot(plan.lattice(), plan.group(), seed, 1);
            LinkField u = new LinkField(plan.lattice(), plan.group());
            LinkField scratch = new LinkField(plan.lattice(), plan.group());
            int size = plan.lattice().links() * plan.group().algebraDimension();
            double[] forceAtU = new double[size];
            f.forward(v, u);
            plan.action().addForce(u, 1, forceAtU);
            double[] direct = new double[size];
            f.addPulledBackForce(v, u, forceAtU, 1, direct);
            f.forward(other, scratch);
            LinkField mapped = new LinkField(plan.lattice(), plan.group());
            f.map(other, mapped);
            assertEquals(0, mapped.maxDistance(scratch), name + ": map and forward give different fields");
            double[] afterOther = new double[size];
            f.addPulledBackForce(v, u, forceAtU, 1, afterOther);
            assertArrayEquals(direct, afterOther, name + ": the force at v changed after mapping another field");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transforms")
    void ftHmcTrajectoriesAreReversible(String name) {
        Fixtures.forPlans("reversible", name, 2, (seed, random) -> plans(name, seed), (plan, seed, random) -> {
            int steps = 2 + random.nextInt(7);
            LinkField v = LinkField.hot(plan.lattice(), plan.group(), seed, 0);
            HmcUpdater hmc = new HmcUpdater(plan.sampledAction(), plan.integrator(), plan.context().loops(), plan.context().communicator());
            ReversibilityResult r = hmc.reversibility(v, seed, 0, 0, 1.0, steps);
            assertTrue(r.maxLinkDistance() < 1e-11, name + ": max |dV| = " + r.maxLinkDistance());
        });
    }

    /** S_FT's terms (S's terms through the map, and −ln J) add up to S_FT and its force. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("transforms")
    void theTermsOfSftAddUpToIt(String name) {
        Fixtures.forPlans("terms", name, 2, (seed, random) -> plans(name, seed), (plan, seed, random) -> {
            GaugeAction sft = plan.sampledAction();
            assertTrue(sft.terms().containsKey(TransformedAction.JACOBIAN), name + ": no Jacobian term");
            ActionProperties.assertTermsAddUp(sft, LinkField.hot(plan.lattice(), plan.group(), seed, 0), name);
        });
    }

    /** V with algebra coordinate j (link j / dim, component j % dim) moved by h along e^{h T_a}. */
    static LinkField moved(LinkField v, int j, double h) {
        LinkField w = v.copy();
        double[] p = new double[v.lattice().links() * v.group().algebraDimension()];
        p[j] = 1;
        int link = j / v.group().algebraDimension();
        v.group().evolve(w.data(), p, h, link, link + 1);
        return w;
    }

    /** The algebra coordinates of (plus − minus) at a link, in left-invariant coordinates at u0 (to O(h³)). */
    private static double[] tangent(LinkGroup g, LinkField plus, LinkField minus, LinkField u0, int link) {
        int dim = g.algebraDimension();
        double[] t = new double[dim];
        if (g == U1.INSTANCE) {
            t[0] = U1.wrap(plus.data()[link] - minus.data()[link]);
            return t;
        }
        SUN sun = (SUN) g;
        int n = sun.n();
        int s = sun.storage();
        double[] a = new double[s];
        double[] b = new double[s];
        ComplexMatrices.multiply(n, plus.data(), link * s, false, u0.data(), link * s, true, a, 0, false);
        ComplexMatrices.multiply(n, minus.data(), link * s, false, u0.data(), link * s, true, b, 0, false);
        for (int i = 0; i < s; i++) {
            a[i] -= b[i];
        }
        for (int c = 0; c < dim; c++) {
            t[c] = sun.component(c, a, 0);
        }
        return t;
    }

}
