package org.fthmc.transform;

import java.util.ArrayList;
import java.util.List;
import org.fthmc.dsl.Autodiff;
import org.fthmc.dsl.GraphExecutable;
import org.fthmc.dsl.Input;
import org.fthmc.dsl.Node;
import org.fthmc.field.LinkField;
import org.fthmc.spi.GaugeAction;
import org.fthmc.spi.Loss;
import org.fthmc.lattice.Lattice;
import org.fthmc.spi.RunContext;

/**
 * The force-matching losses of docs/science.md §3.2 for a {@link LayerChain} transform: ΔF(V) = F_FT(V) − (β_t/β) F_S(V),
 * F_FT the force of S_FT(V) = S(F(V)) − ln J and F_S the force of S, |ΔF|² = Σ_a ΔF_a² per link, and a {@link Loss}
 * plugin's objective on them (the norm loss with its L∞ term, the log-mean-exp loss).
 *
 * <p>The loss and its weight gradient are computed layer by layer, with only layer boundaries stored, like the
 * chain's force (memory is what one layer needs, not the whole chain). The force is the chain's reverse sweep of
 * cotangents G_K = ∇S(W_K), G_{k−1} = P_k(W_{k−1}, G_k) (see {@link LayerChain}), F_FT = force(V, G_0); the weight
 * gradient is the adjoint of that whole computation, run backwards:
 * <ol>
 *   <li>Ḡ_0 = ∂L/∂G_0;</li>
 *   <li>for k = 1 … K (the reverse of the force's order), the vector–Jacobian product of P_k with Ḡ_{k−1} gives Ḡ_k,
 *   this layer's weight gradient and a part of W̄_{k−1} (second derivatives of the layer, third of its loops);</li>
 *   <li>W̄_K = the Hessian of S at W_K applied to Ḡ_K;</li>
 *   <li>for k = K … 1, the vector–Jacobian product of the layer map F_k with W̄_k gives the rest of W̄_{k−1} and of
 *   the layer's weight gradient.</li>
 * </ol>
 * On a slab of a distributed lattice each graph computes its fields on the owned sites, so every field one graph
 * hands to another (cotangents, adjoints) has its halo exchanged first; the loss and the weight gradient are sums
 * over the whole lattice.
 * Each step is one compiled DSL graph on the chain's buffer pool.
 */
public final class ForceMatchingLoss {
    /** The loss and its gradient, one array per weight tensor in the order of the transform's weights. */
    public record Value(double loss, List<double[]> gradient) {
    }

    private final LayerChain chain;
    private final int d;
    private final int layers;
    /** W → ∇S(W), per direction. */
    private final GraphExecutable actionGradient;
    /** (V, G_0) → L. */
    private final GraphExecutable loss;
    /** (V, G_0) → L, ∂L/∂G_0 per direction. */
    private final GraphExecutable lossAndCotangent;
    /** Per layer: (W_{k−1}, G_k, Ḡ_{k−1}) → Ḡ_k, the W_{k−1} part, the weight gradient. */
    private final List<GraphExecutable> pullBackAdjoints = new ArrayList<>();
    /** (W_K, Ḡ_K) → W̄_K. */
    private final GraphExecutable actionAdjoint;
    /** Per layer: (W_{k−1}, W̄_k) → the W_{k−1} part, the weight gradient. */
    private final List<GraphExecutable> mapAdjoints = new ArrayList<>();
    private final double[][][] cotangents;
    private final double[][][] boundaryParts;
    private final double[][] adjoint;
    private final double[][] linksBar;
    private final Lattice lattice;
    private final int storage;

    /**
     * @param action    S as a DSL graph (see {@link GaugeAction#graph()})
     * @param betaRatio β_t / β, the coupling the transformed theory should look like, over the sampled one
     * @param loss      the objective on the per-link |ΔF|² (a {@code loss} plugin)
     */
    public ForceMatchingLoss(RunContext context, LayerChain chain, GaugeAction.ActionGraph action, double betaRatio, Loss loss) {
        this(context, chain, action, betaRatio, loss, null);
    }

    /**
     * The loss over the links of the sites of {@code counted} only (null: every link), as on a training patch, whose
     * boundary links the chain leaves fixed ({@link FrozenLinks}; {@code train.patch}).
     */
    public ForceMatchingLoss(RunContext context, LayerChain chain, GaugeAction.ActionGraph action, double betaRatio, Loss loss,
                             org.fthmc.lattice.SubLattice counted) {
        this.chain = chain;
        this.lattice = context.lattice();
        this.storage = context.group().storage();
        this.d = lattice.dimensions();
        this.layers = chain.layers().size();
        List<Input> weights = chain.weights().inputs();

        List<Input> w = chain.linkInputs("W");
        this.actionGradient = chain.compile(LayerChain.gradient(action, w), w);

        List<Input> v = chain.linkInputs("V");
        List<Input> g = chain.linkInputs("G");
        List<Node> gradientS = LayerChain.gradient(action, v);
        List<Node> squared = new ArrayList<>();
        for (int mu = 0; mu < d; mu++) {
            Node delta = chain.force(v.get(mu), g.get(mu)).minus(chain.force(v.get(mu), gradientS.get(mu)).times(betaRatio));
            squared.add(chain.squaredNorm(delta));
        }
        Node total = counted == null ? loss.of(squared, (double) lattice.globalVolume() * d)
                : loss.of(squared, Node.mask(lattice, counted), (double) counted.size() * d);
        this.loss = chain.compile(List.of(total), LayerChain.concat(v, g));
        List<Node> withCotangent = new ArrayList<>(List.of(total));
        withCotangent.addAll(Autodiff.grad(total, g));
        this.lossAndCotangent = chain.compile(withCotangent, LayerChain.concat(v, g));

        for (TransformLayer layer : chain.layers()) {
            List<Input> wk = chain.linkInputs("W");
            List<Input> gk = chain.linkInputs("G");
            List<Input> gBar = chain.linkInputs("Gbar");
            List<Node> pulled = chain.pullBack(layer, wk, gk);
            List<Input> wrt = LayerChain.concat(gk, wk);
            wrt.addAll(weights);
            pullBackAdjoints.add(chain.compile(Autodiff.grad(pairing(gBar, pulled), wrt),
                    chain.withWeights(LayerChain.concat(LayerChain.concat(wk, gk), gBar))));
            List<Input> wBar = chain.linkInputs("Wbar");
            List<Input> mapWrt = new ArrayList<>(wk);
            mapWrt.addAll(weights);
            mapAdjoints.add(chain.compile(Autodiff.grad(pairing(wBar, layer.apply(new ArrayList<>(wk)).links()), mapWrt),
                    chain.withWeights(LayerChain.concat(wk, wBar))));
        }
        List<Input> gBar = chain.linkInputs("Gbar");
        this.actionAdjoint = chain.compile(Autodiff.grad(pairing(gBar, LayerChain.gradient(action, w)), w), LayerChain.concat(w, gBar));

        int size = lattice.sites() * storage;
        this.cotangents = new double[layers + 1][d][size];
        this.boundaryParts = new double[layers][d][size];
        this.adjoint = new double[d][size];
        this.linksBar = new double[d][size];
    }

    /** Σ_μ Σ_x linear(c_μ, x_μ): the scalar whose gradient is the vector–Jacobian product of x with cotangent c. */
    private Node pairing(List<Input> c, List<Node> x) {
        Node sum = null;
        for (int mu = 0; mu < d; mu++) {
            Node term = chain.linear(c.get(mu), x.get(mu)).sum();
            sum = sum == null ? term : sum.plus(term);
        }
        return sum;
    }

    /** The boundaries W_k of v and the cotangents G_k of the force sweep (G_0 defines F_FT). */
    private double[][][] sweep(LinkField v) {
        double[][][] w = chain.boundaries(v);
        chain.copy(actionGradient.run(w[layers]), 0, cotangents[layers]);
        for (int k = layers - 1; k >= 0; k--) {
            for (int mu = 0; mu < d; mu++) {
                System.arraycopy(cotangents[k + 1][mu], 0, cotangents[k][mu], 0, cotangents[k][mu].length);
            }
            chain.pullBack(k, cotangents[k]);
        }
        for (double[][] g : cotangents) {
            exchangeHalo(g);
        }
        return w;
    }

    /**
     * On a slab, fills the halo of a link field (per direction) that a graph computed on the owned sites, before
     * another graph reads it at neighbours; nothing on a whole lattice.
     */
    private void exchangeHalo(double[][] field) {
        for (double[] f : field) {
            lattice.exchangeHalo(f, storage);
        }
    }

    /** L at V with the current weights. */
    public double loss(LinkField v) {
        double[][][] w = sweep(v);
        return loss.run(LayerChain.bind(w[0], cotangents[0])).getFirst()[0];
    }

    /** L and ∂L/∂w at V with the current weights. */
    public Value lossAndGradient(LinkField v) {
        double[][][] w = sweep(v);
        List<double[]> out = lossAndCotangent.run(LayerChain.bind(w[0], cotangents[0]));
        double value = out.getFirst()[0];
        chain.copy(out, 1, adjoint);
        List<double[]> gradient = chain.weights().values().stream().map(a -> new double[a.length]).toList();
        for (int k = 0; k < layers; k++) {
            exchangeHalo(adjoint);
            List<double[]> o = pullBackAdjoints.get(k).run(chain.values(w[k], cotangents[k + 1], adjoint));
            chain.copy(o, 0, adjoint);
            chain.copy(o, d, boundaryParts[k]);
            accumulate(o, 2 * d, gradient);
        }
        exchangeHalo(adjoint);
        chain.copy(actionAdjoint.run(LayerChain.bind(w[layers], adjoint)), 0, linksBar);
        for (int k = layers - 1; k >= 0; k--) {
            exchangeHalo(linksBar);
            List<double[]> o = mapAdjoints.get(k).run(chain.values(w[k], linksBar));
            accumulate(o, d, gradient);
            for (int mu = 0; mu < d; mu++) {
                double[] part = o.get(mu);
                double[] bar = linksBar[mu];
                double[] fromPullBack = boundaryParts[k][mu];
                for (int i = 0; i < bar.length; i++) {
                    bar[i] = part[i] + fromPullBack[i];
                }
            }
        }
        return new Value(value, gradient);
    }

    private static void accumulate(List<double[]> from, int offset, List<double[]> gradient) {
        for (int t = 0; t < gradient.size(); t++) {
            double[] g = gradient.get(t);
            double[] part = from.get(offset + t);
            for (int i = 0; i < g.length; i++) {
                g[i] += part[i];
            }
        }
    }
}
