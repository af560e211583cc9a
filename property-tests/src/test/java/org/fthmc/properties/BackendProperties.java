package org.fthmc.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.fthmc.ConfigError;
import org.fthmc.config.RunConfig;
import org.fthmc.run.RunPlan;
import org.fthmc.field.LinkField;
import org.fthmc.spi.FieldTransform;
import org.fthmc.spi.PluginKind;
import org.fthmc.transform.LayerChain;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every registered backend runs every registered transform as the {@code cpu} backend (compiled steps) does, the
 * interpreter ({@code interpret}) included: on the first group a transform
 * accepts (U(1) 4×4, else SU(2) 2⁴), the map, ln J and the S_FT force agree with the {@code cpu} backend's to 1e-10,
 * the force also as a layer chain computes it wholly on the backend from the action's DSL graph.
 * A backend that declares the key {@code optimise} is built with {@code optimise = false}: PoCL's optimiser needs
 * minutes for the larger layer programs, and what is checked here is the generated code, not its speed. A backend whose device this machine lacks (OpenCL without a driver) is skipped with the reason, unless
 * FTHMC_REQUIRE_OPENCL is set (CI), where that is a failure.
 */
class BackendProperties {
    static Stream<Arguments> backendsAndTransforms() {
        List<String> backends = Fixtures.names(PluginKind.BACKEND).stream().filter(b -> !b.equals("cpu")).toList();
        return Fixtures.pairs(backends, Fixtures.names(PluginKind.TRANSFORM));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("backendsAndTransforms")
    void aTransformGivesTheCpuValues(String backend, String transform) {
        List<RunPlan> plans = TransformProperties.plans(transform, 11);
        plans.subList(1, plans.size()).forEach(RunPlan::close);
        for (RunPlan onCpu : plans.subList(0, 1)) {
            try (onCpu; RunPlan onDevice = onBackend(onCpu, backend)) {
                FieldTransform a = onCpu.transform().orElseThrow();
                FieldTransform b = onDevice.transform().orElseThrow();
                for (int t = 0; t < a.weights().values().size(); t++) {
                    double[] w = a.weights().values().get(t);
                    System.arraycopy(w, 0, b.weights().values().get(t), 0, w.length);
                }
                String what = backend + ", " + transform + " on " + onCpu.group().name();
                LinkField v = LinkField.hot(onCpu.lattice(), onCpu.group(), 5, 0);
                LinkField ua = new LinkField(onCpu.lattice(), onCpu.group());
                LinkField ub = new LinkField(onCpu.lattice(), onCpu.group());
                double logJa = a.forward(v, ua);
                double logJb = b.forward(v, ub);
                assertEquals(logJa, logJb, 1e-10 * Math.max(1, Math.abs(logJa)), what + ": ln J");
                assertTrue(ua.maxDistance(ub) < 1e-12, what + ": |U_cpu - U| = " + ua.maxDistance(ub));
                int size = onCpu.lattice().links() * onCpu.group().algebraDimension();
                double[] forceAtU = new double[size];
                onCpu.action().addForce(ua, 1, forceAtU);
                double[] fa = new double[size];
                double[] fb = new double[size];
                a.addPulledBackForce(v, ua, forceAtU, 1, fa);
                b.addPulledBackForce(v, ub, forceAtU, 1, fb);
                for (int i = 0; i < size; i++) {
                    assertEquals(fa[i], fb[i], 1e-10 * Math.max(1, Math.abs(fa[i])), what + ": S_FT force component " + i);
                }
                // the whole force on the backend, S's cotangent from its DSL graph (what FT-HMC uses there)
                double[] fc = new double[size];
                boolean onBackend = b.addForce(v, onDevice.action().graph().orElseThrow(), 1, fc);
                assertEquals(b instanceof LayerChain && !onDevice.context().backend().onHost(), onBackend,
                        what + ": a layer chain computes the force on an accelerator backend, not on the host");
                for (int i = 0; onBackend && i < size; i++) {
                    assertEquals(fa[i], fc[i], 1e-10 * Math.max(1, Math.abs(fa[i])), what + ": S_FT force from S's graph, component " + i);
                }
            }
        }
    }

    /** The same plan with {@code backend.type} set; skips (or, in CI, fails) where the backend's device is missing. */
    private static RunPlan onBackend(RunPlan plan, String backend) {
        RunConfig config = plan.config().with("backend.type", backend);
        if (Fixtures.REGISTRY.factories(PluginKind.BACKEND).get(backend).keys().stream().anyMatch(k -> k.name().equals("optimise"))) {
            config = config.with("backend.optimise", false);
        }
        try {
            return RunPlan.build(config, Fixtures.REGISTRY);
        } catch (ConfigError e) {
            if (System.getenv("FTHMC_REQUIRE_OPENCL") == null && e.getMessage().contains("backend")) {
                System.err.println("backend " + backend + " skipped: " + e.getMessage());
                Assumptions.abort("backend " + backend + " unavailable here: " + e.getMessage());
            }
            throw e;
        }
    }
}
