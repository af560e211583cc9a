package org.fthmc.train;

import java.util.Arrays;
import java.util.Random;
import org.fthmc.ConfigError;
import org.fthmc.dsl.Node;
import org.fthmc.field.LinkField;
import org.fthmc.lattice.Lattice;
import org.fthmc.lattice.SubLattice;
import org.fthmc.spi.FieldTransform;
import org.fthmc.spi.PluginBlocks;
import org.fthmc.spi.PluginKind;
import org.fthmc.spi.PluginRegistry;
import org.fthmc.spi.RunContext;
import org.fthmc.transform.FrozenLinks;
import org.fthmc.transform.LayerChain;
import org.fthmc.transform.LayerChainFactory;

/**
 * Sub-volume targeting: training on patches, boxes cut at random places from the training configurations, so that
 * the training graphs are compiled for the patch and their memory follows it, not the lattice.
 *
 * <p>A patch of extents p (p_μ ≤ L_μ) is a periodic lattice of its own. Along a direction with p_μ &lt; L_μ its two
 * faces, glued by the periodic wrap, were not neighbours in the configuration, so the links of every site within
 * {@code frozen} sites of those faces are frozen: no layer of the map updates them, and the loss is taken on the
 * links of the other sites, the interior. When {@code frozen} is at least the reach of the map's layers (the
 * staples, the network's inputs) and of the action's loops (2 for rectangles or chairs), nothing that enters an
 * interior link's force reads across the glued faces: the loss is that of the configuration's box with the links
 * outside the interior held fixed (the frozen links are the boundary condition). Along a direction with p_μ = L_μ
 * the patch keeps the lattice's own periodicity and nothing is frozen.
 */
public final class Patches {
    private final int[] extents;
    private final Lattice patch;
    private final SubLattice interior;

    /**
     * @param extents the configurations' lattice
     * @param patch   the patch's extents, one per direction, each in [1, L_μ]
     * @param frozen  the depth of the frozen band at each face that the wrap glues
     * @throws IllegalArgumentException when the patch does not fit or leaves no interior
     */
    public Patches(int[] extents, int[] patch, int frozen) {
        if (patch.length != extents.length) {
            throw new IllegalArgumentException("a patch of " + patch.length + " extents on a " + extents.length + "-dimensional lattice");
        }
        if (frozen < 1) {
            throw new IllegalArgumentException("the frozen band must be at least 1 site deep, got " + frozen);
        }
        for (int mu = 0; mu < patch.length; mu++) {
            if (patch[mu] < 1 || patch[mu] > extents[mu]) {
                throw new IllegalArgumentException("patch extent " + patch[mu] + " in direction " + mu + " is not in [1, " + extents[mu] + "]");
            }
            if (patch[mu] < extents[mu] && patch[mu] <= 2 * frozen) {
                throw new IllegalArgumentException("patch extent " + patch[mu] + " in direction " + mu + " leaves no interior inside"
                        + " frozen bands of " + frozen + " at both faces (it needs more than " + 2 * frozen + ")");
            }
        }
        this.extents = extents.clone();
        this.patch = new Lattice(patch);
        int[] p = patch.clone();
        java.util.function.Predicate<int[]> inside = x -> {
            for (int mu = 0; mu < p.length; mu++) {
                if (p[mu] < extents[mu] && (x[mu] < frozen || x[mu] >= p[mu] - frozen)) {
                    return false;
                }
            }
            return true;
        };
        int[] x = new int[p.length];
        int[] sites = java.util.stream.IntStream.range(0, this.patch.volume()).filter(s -> {
            this.patch.coordinates(s, x);
            return inside.test(x);
        }).toArray();
        this.interior = new SubLattice("patch-interior", sites, inside);
    }

    /** The patch as a lattice (periodic), on which the training graphs are compiled. */
    public Lattice lattice() {
        return patch;
    }

    /** The sites whose links the map updates and the loss counts. */
    public SubLattice interior() {
        return interior;
    }

    /**
     * A random corner of a patch in the configurations' lattice, even in every direction of even extent: the layers'
     * masks (parities, every second site) then fall on the links they pick on the whole lattice.
     */
    public int[] origin(Random random) {
        int[] o = new int[extents.length];
        for (int mu = 0; mu < o.length; mu++) {
            o[mu] = extents[mu] % 2 == 0 ? 2 * random.nextInt(extents[mu] / 2) : random.nextInt(extents[mu]);
        }
        return o;
    }

    /** The context of the patch lattice: the run's group, threads and backend, one process. */
    public RunContext context(RunContext run) {
        return new RunContext(patch, run.group(), run.loops(), patch.communicator(), run.backend());
    }

    /**
     * The transform of a {@code transform} block on the patch ({@code context} from {@link #context}), each layer
     * frozen outside the interior ({@link FrozenLinks}); its weights are those the block gives (seed, weights file).
     *
     * @throws ConfigError when the block is bad or its transform is not made of DSL layers
     */
    public LayerChain chain(PluginRegistry registry, com.typesafe.config.Config transformBlock, RunContext context) {
        PluginBlocks.Validated<FieldTransform> transform = PluginBlocks.validate(registry, PluginKind.TRANSFORM, "transform",
                transformBlock, java.util.List.of());
        if (!(transform.factory() instanceof LayerChainFactory layers)) {
            throw ConfigError.at(transformBlock.origin(), "transform", "patch training needs a transform made of DSL layers"
                    + " (u1-masked-stout, sun-masked-stout)");
        }
        Node updated = Node.mask(patch, interior);
        return layers.chain(transform.settings(), context, layer -> new FrozenLinks(layer, updated));
    }

    /** The links of the box of u at {@code origin} (wrapping around u's lattice) as a field on the patch. */
    public LinkField cut(LinkField u, int[] origin) {
        Lattice whole = u.lattice();
        if (!Arrays.equals(whole.extents(), extents) || whole.haloDepth() != 0) {
            throw new IllegalArgumentException("patches of " + Arrays.toString(extents) + " lattices, not of " + whole);
        }
        LinkField f = new LinkField(patch, u.group());
        int perSite = patch.dimensions() * u.group().storage();
        int[] y = new int[extents.length];
        int[] x = new int[extents.length];
        for (int site = 0; site < patch.volume(); site++) {
            patch.coordinates(site, y);
            for (int mu = 0; mu < y.length; mu++) {
                x[mu] = (origin[mu] + y[mu]) % extents[mu];
            }
            System.arraycopy(u.data(), whole.site(x) * perSite, f.data(), site * perSite, perSite);
        }
        return f;
    }
}
