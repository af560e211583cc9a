package org.fthmc.gauge;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.fthmc.dsl.Autodiff;
import org.fthmc.dsl.CompiledGraph;
import org.fthmc.dsl.DslException;
import org.fthmc.dsl.Input;
import org.fthmc.dsl.Node;
import org.fthmc.dsl.Type;
import org.fthmc.field.LinkField;
import org.fthmc.group.SUN;
import org.fthmc.lattice.Lattice;
import org.fthmc.parallel.SiteLoops;
import org.fthmc.spi.GaugeAction;
import org.fthmc.spi.RunContext;

/**
 * An SU(N) gauge action written in the DSL: S is a graph of the link matrices U_μ (one matrix-field input per
 * direction); the force is derived with {@link Autodiff#leftDerivative} and returned as algebra components
 * p_a = −2 tr(T_a F) per link (docs/science.md §1).
 */
public final class SunDslAction implements GaugeAction {
    private final RunContext context;
    private final SUN group;
    private final CompiledGraph action;
    private final CompiledGraph force;
    private final double[][] links;
    private final ActionGraph graph;

    /** @param graph builds S from the link inputs U_0 … U_{D−1} */
    public SunDslAction(RunContext context, Function<List<Input>, Node> graph) {
        if (!(context.group() instanceof SUN sun)) {
            throw new IllegalArgumentException("SunDslAction needs an SU(N) group, got " + context.group().name());
        }
        this.context = context;
        this.group = sun;
        Lattice lattice = context.lattice();
        List<Input> u = linkInputs(lattice.dimensions(), sun.n());
        Node s = graph.apply(u);
        if (!s.type().equals(Type.SCALAR)) {
            throw new DslException("the action graph " + s + " must be a global real, got a " + s.type());
        }
        List<Node> forces = u.stream().map(link -> Autodiff.leftDerivative(s, link)).toList();
        this.action = context.compileOnHost(List.of(s), u);
        this.force = context.compileOnHost(forces, u);
        this.links = new double[lattice.dimensions()][lattice.sites() * group.storage()];
        this.graph = new ActionGraph(u, s);
    }

    @Override
    public java.util.Optional<ActionGraph> graph() {
        return java.util.Optional.of(graph);
    }

    /** One matrix-field input per direction, for a field of SU(n) links in D dimensions. */
    public static List<Input> linkInputs(int dimensions, int n) {
        List<Input> u = new ArrayList<>();
        for (int mu = 0; mu < dimensions; mu++) {
            u.add(Node.input("U" + mu, Type.matrix(n, false)));
        }
        return u;
    }

    /**
     * The links (index site·D + μ) as one matrix array per direction, written into {@code out}; on a slab the halo
     * too, filled first ({@code out} holds {@link org.fthmc.lattice.Lattice#sites()} matrices per direction).
     */
    public static double[][] split(LinkField u, double[][] out, SiteLoops loops) {
        u.exchangeHalos();
        double[] data = u.data();
        int d = out.length;
        int s = u.group().storage();
        loops.forRange(u.lattice().sites(), (from, to) -> {
            for (int mu = 0; mu < d; mu++) {
                for (int x = from; x < to; x++) {
                    System.arraycopy(data, (x * d + mu) * s, out[mu], x * s, s);
                }
            }
        });
        return out;
    }

    @Override
    public double action(LinkField u) {
        return action.run(split(u, links, context.loops())).getFirst()[0];
    }

    @Override
    public void addForce(LinkField u, double scale, double[] target) {
        addComponents(context, force.run(split(u, links, context.loops())), scale, target);
    }

    /**
     * target += scale · (the algebra components −2 Re tr(T_a F) of per-direction algebra-valued matrix fields F_μ),
     * written per link (index site·D + μ) as forces are.
     */
    public static void addComponents(RunContext context, List<double[]> perDirection, double scale, double[] target) {
        SUN group = (SUN) context.group();
        int d = perDirection.size();
        int s = group.storage();
        int dim = group.algebraDimension();
        context.loops().forRange(context.lattice().volume(), (from, to) -> {
            for (int mu = 0; mu < d; mu++) {
                double[] fm = perDirection.get(mu);
                for (int x = from; x < to; x++) {
                    int base = (x * d + mu) * dim;
                    for (int a = 0; a < dim; a++) {
                        target[base + a] += scale * group.component(a, fm, x * s);
                    }
                }
            }
        });
    }
}
