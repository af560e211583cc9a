package org.fthmc.transform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fthmc.dsl.Autodiff;
import org.fthmc.dsl.CompiledGraph;
import org.fthmc.dsl.Node;
import org.fthmc.field.LinkField;
import org.fthmc.spi.GaugeAction;
import org.fthmc.spi.RunContext;

/**
 * The force-matching losses of SCIENCE.md §3.2 for a {@link LayerChain} transform: ΔF(V) = F_FT(V) − (β_t/β) F_S(V),
 * F_FT the force of S_FT(V) = S(F(V)) − ln J and F_S the force of S, |ΔF|² = Σ_a ΔF_a² per link; either the norm
 * loss L = Σ_p c_p (Σ_links |ΔF|^p / N_links)^{1/p} over even p, or the log-mean-exp loss
 * L = log Σ_links e^{|ΔF|} − log N_links (a smooth maximum). Everything is one DSL graph of V and the weights, so the
 * weight gradient is derived (second derivatives of the network, third of the loops). Single process for now (the
 * site sums are not reduced across processes before the nonlinear steps). The L∞ term is not built.
 */
public final class ForceMatchingLoss {
    /** The loss and its gradient, one array per weight tensor in the order of the transform's weights. */
    public record Value(double loss, List<double[]> gradient) {
    }

    private final LayerChain chain;
    private final RunContext context;
    private final CompiledGraph loss;
    private final CompiledGraph withGradient;
    private final double[][] links;

    /**
     * @param action    S as a DSL graph (see {@link GaugeAction#graph()})
     * @param betaRatio β_t / β, the coupling the transformed theory should look like, over the sampled one
     * @param norms     the weight c_p of each even p ≥ 2
     */
    public ForceMatchingLoss(RunContext context, LayerChain chain, GaugeAction.ActionGraph action, double betaRatio,
                             Map<Integer, Double> norms) {
        this(context, chain, action, betaRatio, norms, false);
    }

    /** The log-mean-exp loss log Σ_links e^{|ΔF|} − log N_links. */
    public static ForceMatchingLoss logMeanExp(RunContext context, LayerChain chain, GaugeAction.ActionGraph action, double betaRatio) {
        return new ForceMatchingLoss(context, chain, action, betaRatio, Map.of(), true);
    }

    private ForceMatchingLoss(RunContext context, LayerChain chain, GaugeAction.ActionGraph action, double betaRatio,
                              Map<Integer, Double> norms, boolean logMeanExp) {
        if (!logMeanExp && (norms.isEmpty() || norms.keySet().stream().anyMatch(p -> p < 2 || p % 2 != 0))) {
            throw new IllegalArgumentException("the norms of a force-matching loss are even p >= 2, got " + norms.keySet());
        }
        this.chain = chain;
        this.context = context;
        List<Node.Input> v = chain.linkInputs("V");
        LayerChain.Mapped mapped = chain.map(new ArrayList<>(v));
        Node physical = substitute(action, mapped.links());
        List<Node> forceFt = chain.derivative(physical.minus(mapped.logJacobian()), v);
        List<Node> forceS = chain.derivative(substitute(action, new ArrayList<>(v)), v);
        double linkCount = (double) context.lattice().links();
        List<Node> squared = new ArrayList<>();
        for (int mu = 0; mu < v.size(); mu++) {
            squared.add(chain.squaredNorm(forceFt.get(mu).minus(forceS.get(mu).times(betaRatio))));
        }
        Node total = logMeanExp ? logMeanExp(squared, linkCount) : null;
        for (var e : new TreeMap<>(norms).entrySet()) {
            int p = e.getKey();
            Node sum = null;
            for (Node n2 : squared) {
                Node power = n2;
                for (int k = 1; k < p / 2; k++) {
                    power = power.times(n2);
                }
                sum = sum == null ? power.sum() : sum.plus(power.sum());
            }
            Node term = sum.times(1 / linkCount).log().times(1.0 / p).exp().times(e.getValue());
            total = total == null ? term : total.plus(term);
        }
        List<Node.Input> inputs = new ArrayList<>(v);
        inputs.addAll(chain.weights().inputs());
        this.loss = CompiledGraph.compile(context.lattice(), context.loops(), List.of(total), inputs);
        List<Node> outputs = new ArrayList<>(List.of(total));
        outputs.addAll(Autodiff.grad(total, chain.weights().inputs()));
        this.withGradient = CompiledGraph.compile(context.lattice(), context.loops(), outputs, inputs);
        this.links = new double[v.size()][context.lattice().volume() * context.group().storage()];
    }

    /** log Σ e^{|ΔF|} − log N over the links, |ΔF| = sqrt(|ΔF|²). */
    private static Node logMeanExp(List<Node> squared, double linkCount) {
        Node sum = null;
        for (Node n2 : squared) {
            Node term = n2.sqrt().exp().sum();
            sum = sum == null ? term : sum.plus(term);
        }
        return sum.times(1 / linkCount).log();
    }

    private static Node substitute(GaugeAction.ActionGraph action, List<Node> links) {
        Map<Node.Input, Node> replacements = new java.util.HashMap<>();
        for (int mu = 0; mu < links.size(); mu++) {
            replacements.put(action.links().get(mu), links.get(mu));
        }
        return Autodiff.substitute(List.of(action.action()), replacements).getFirst();
    }

    private double[][] values(LinkField v) {
        List<double[]> all = new ArrayList<>(List.of(chain.split(v, links)));
        all.addAll(chain.weights().values());
        return all.toArray(double[][]::new);
    }

    /** L at V with the current weights. */
    public double loss(LinkField v) {
        return loss.run(values(v)).getFirst()[0];
    }

    /** L and ∂L/∂w at V with the current weights. */
    public Value lossAndGradient(LinkField v) {
        List<double[]> out = withGradient.run(values(v));
        List<double[]> gradient = new ArrayList<>();
        for (int i = 1; i < out.size(); i++) {
            gradient.add(out.get(i).clone());
        }
        return new Value(out.getFirst()[0], gradient);
    }
}
