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
import org.fthmc.group.U1;
import org.fthmc.lattice.Lattice;
import org.fthmc.spi.GaugeAction;
import org.fthmc.spi.RunContext;

/**
 * A U(1) gauge action written in the DSL: the plugin gives S as a graph of the link angles θ_μ (one field input
 * per direction), and the force F_μ = ∂S/∂θ_μ (the left derivative of docs/science.md §1) is derived by
 * {@link Autodiff#grad}. Both graphs are compiled once for the run's lattice (their fused steps to bytecode when the
 * run's backend is {@code cpu}, see {@link RunContext#compileOnHost}).
 */
public final class U1DslAction implements GaugeAction {
    private final RunContext context;
    private final CompiledGraph action;
    private final CompiledGraph force;
    private final double[][] angles;
    private final List<Input> theta;
    private final Node graph;

    /** @param graph builds S from the angle inputs θ_0 … θ_{D−1} */
    public U1DslAction(RunContext context, Function<List<Input>, Node> graph) {
        if (context.group() != U1.INSTANCE) {
            throw new IllegalArgumentException("U1DslAction needs the group u1, got " + context.group().name());
        }
        this.context = context;
        Lattice lattice = context.lattice();
        this.theta = angleInputs(lattice.dimensions());
        Node s = graph.apply(theta);
        this.graph = s;
        if (!s.type().global()) {
            throw new DslException("the action graph " + s + " must be a global scalar (did you forget sum()?)");
        }
        this.action = context.compileOnHost(List.of(s), theta);
        this.force = context.compileOnHost(Autodiff.grad(s, theta), theta);
        this.angles = new double[lattice.dimensions()][lattice.sites()];
    }

    /** The inputs θ_μ a graph is built from. */
    public static List<Input> angleInputs(int dimensions) {
        List<Input> theta = new ArrayList<>();
        for (int mu = 0; mu < dimensions; mu++) {
            theta.add(Node.input("theta" + mu, Type.FIELD));
        }
        return theta;
    }

    /** The graph of S. */
    public Node actionGraph() {
        return graph;
    }

    @Override
    public java.util.Optional<ActionGraph> graph() {
        return java.util.Optional.of(new ActionGraph(theta, graph));
    }

    /** The inputs θ_μ of {@link #actionGraph()}. */
    public List<Input> inputs() {
        return theta;
    }

    /** The compiled force graph (for its memory plan and stage count). */
    public CompiledGraph forceGraph() {
        return force;
    }

    @Override
    public double action(LinkField u) {
        return action.run(split(u)).getFirst()[0];
    }

    @Override
    public void addForce(LinkField u, double scale, double[] target) {
        List<double[]> f = force.run(split(u));
        int d = angles.length;
        context.loops().forRange(u.lattice().volume(), (from, to) -> {
            for (int mu = 0; mu < d; mu++) {
                double[] fm = f.get(mu);
                for (int x = from; x < to; x++) {
                    target[x * d + mu] += scale * fm[x];
                }
            }
        });
    }

    /** The interleaved link angles (index site·D + μ) as one array per direction, halo included (filled first). */
    private double[][] split(LinkField u) {
        u.exchangeHalos();
        double[] theta = u.data();
        int d = angles.length;
        context.loops().forRange(u.lattice().sites(), (from, to) -> {
            for (int mu = 0; mu < d; mu++) {
                double[] a = angles[mu];
                for (int x = from; x < to; x++) {
                    a[x] = theta[x * d + mu];
                }
            }
        });
        return angles;
    }
}
