package org.fthmc.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.fthmc.config.RunConfig;
import org.fthmc.dsl.Node;
import org.fthmc.field.LinkField;
import org.fthmc.lattice.Lattice;
import org.fthmc.lattice.SubLattice;
import org.fthmc.run.RunPlan;
import org.fthmc.spi.FieldTransform;
import org.fthmc.spi.Loss;
import org.fthmc.spi.PluginBlocks;
import org.fthmc.spi.PluginKind;
import org.fthmc.spi.RunContext;
import org.fthmc.train.Patches;
import org.fthmc.transform.ForceMatchingLoss;
import org.fthmc.transform.FrozenLinks;
import org.fthmc.transform.LayerChain;
import org.fthmc.transform.LayerChainFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sub-volume targeting is exact: the force-matching loss and its weight gradient on a patch cut from a configuration
 * (its faces' bands frozen, the loss on its interior) equal those of the whole configuration with every link outside
 * the patch's interior frozen and the loss on that interior — so no quantity of the patch reads across the faces its
 * periodic wrap glues. For every registered loss, on U(1) (u1-masked-stout with a per-site network) and SU(3)
 * (sun-masked-stout with scalars, and with a per-site network reading plaquettes and rectangles; DBW2's rectangles in
 * the action), at corners that wrap around the
 * lattice.
 */
class PatchTrainingProperties {
    private record Setup(String config, int[] patch) {
    }

    private static final List<Setup> SETUPS = List.of(
            new Setup("lattice { dims = [12, 8], group = u1 }\naction { type = u1-wilson, beta = 2.5 }\n"
                    + "transform { type = u1-masked-stout, sweeps = 1, network { channels = [2], kernel = 1 } }", new int[] {8, 8}),
            new Setup("lattice { dims = [8, 4, 4, 4], group = su3 }\naction { type = sun-improved, beta = 0.7796, preset = dbw2 }\n"
                    + "transform { type = sun-masked-stout }", new int[] {6, 4, 4, 4}),
            new Setup("lattice { dims = [4, 4, 4, 8], group = su3 }\naction { type = sun-improved, beta = 0.7796, preset = dbw2 }\n"
                    + "transform { type = sun-masked-stout, coefficients = network, rectangles = true, network { channels = [3], kernel = 1 } }",
                    new int[] {4, 4, 4, 6}));

    static Stream<Arguments> setupsAndLosses() {
        List<String> losses = new ArrayList<>();
        for (String name : Fixtures.names(PluginKind.LOSS)) {
            losses.add(Fixtures.block(PluginKind.LOSS, name, new Random(0)));
        }
        return Fixtures.pairs(java.util.stream.IntStream.range(0, SETUPS.size()).boxed().toList(), losses);
    }

    @ParameterizedTest(name = "setup {0}: {1}")
    @MethodSource("setupsAndLosses")
    void aPatchGivesTheLossOfItsBoxInTheWholeConfiguration(int setup, String lossBlock) {
        Fixtures.forSeeds("patch", setup + " " + lossBlock, 1, seed -> patchEqualsWhole(SETUPS.get(setup), lossBlock, seed));
    }

    private static void patchEqualsWhole(Setup setup, String lossBlock, int seed) {
        RunConfig config = RunConfig.parse(setup.config() + "\nhmc.threads = 1\nmeasurements.observables = []\n", "patch", List.of());
        try (RunPlan plan = RunPlan.build(config, Fixtures.REGISTRY)) {
            Lattice whole = plan.lattice();
            Patches patches = new Patches(whole.extents(), setup.patch(), 2);
            // a corner near the end of the long direction, so that the box wraps around the lattice
            int[] origin = new int[whole.dimensions()];
            for (int mu = 0; mu < origin.length; mu++) {
                origin[mu] = setup.patch()[mu] < whole.extents()[mu] ? whole.extents()[mu] - 2 : 0;
            }
            SubLattice embedded = embedded(whole, patches, origin);
            RunContext patchContext = new RunContext(patches.lattice(), plan.group(), plan.context().loops(),
                    patches.lattice().communicator(), plan.context().backend());
            LinkField v = LinkField.hot(whole, plan.group(), seed, 0);
            ForceMatchingLoss.Value onWhole = loss(config, plan, plan.context(), embedded, lossBlock).lossAndGradient(v);
            ForceMatchingLoss.Value onPatch = loss(config, plan, patchContext, patches.interior(), lossBlock)
                    .lossAndGradient(patches.cut(v, origin));
            assertEquals(onWhole.loss(), onPatch.loss(), 1e-12 * Math.abs(onWhole.loss()), lossBlock + ": the loss");
            for (int t = 0; t < onWhole.gradient().size(); t++) {
                double[] a = onWhole.gradient().get(t);
                double[] b = onPatch.gradient().get(t);
                double scale = java.util.Arrays.stream(a).map(Math::abs).max().orElse(0);
                for (int i = 0; i < a.length; i++) {
                    assertEquals(a[i], b[i], 1e-11 * Math.max(scale, 1e-300), lossBlock + ": gradient tensor " + t + "[" + i + "]");
                }
            }
        }
    }

    /** The force-matching loss on the links of {@code counted}, the chain frozen elsewhere, on the context's lattice. */
    private static ForceMatchingLoss loss(RunConfig config, RunPlan plan, RunContext context, SubLattice counted, String lossBlock) {
        PluginBlocks.Validated<FieldTransform> transform = PluginBlocks.validate(Fixtures.REGISTRY, PluginKind.TRANSFORM, "transform",
                config.section("transform"), List.of());
        Node updated = Node.mask(context.lattice(), counted);
        LayerChain chain = ((LayerChainFactory) transform.factory()).chain(transform.settings(), context, layer -> new FrozenLinks(layer, updated));
        Loss objective = PluginBlocks.<Loss>build(Fixtures.REGISTRY, PluginKind.LOSS, "loss", ConfigFactory.parseString(lossBlock),
                List.of(), context).plugin();
        return new ForceMatchingLoss(context, chain, plan.action().graph().orElseThrow(), 0.8, objective, counted);
    }

    /** The sites of the whole lattice that the patch's interior covers when cut at {@code origin}. */
    private static SubLattice embedded(Lattice whole, Patches patches, int[] origin) {
        int[] extents = whole.extents();
        java.util.function.Predicate<int[]> member = x -> {
            int[] y = new int[x.length];
            for (int mu = 0; mu < x.length; mu++) {
                y[mu] = Math.floorMod(x[mu] - origin[mu], extents[mu]);
                if (y[mu] >= patches.lattice().extents()[mu]) {
                    return false;
                }
            }
            return patches.interior().member().test(y);
        };
        int[] x = new int[extents.length];
        int[] sites = java.util.stream.IntStream.range(0, whole.volume()).filter(s -> {
            whole.coordinates(s, x);
            return member.test(x);
        }).toArray();
        return new SubLattice("embedded-interior", sites, member);
    }
}
