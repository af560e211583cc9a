package org.fthmc.dsl;

import java.util.List;

/**
 * A periodic convolution (correlation) of a field of vectors: y(x) = Σ_o M_o h(x + δ_o) over the offsets δ_o,
 * with M_o the global rows × cols weight tensor of offset o (row-major), or its transpose. Linear in h and in each
 * M_o: its JVP is the convolution of the tangent of h plus Σ_o (tangent of M_o) h(x + δ_o) (shifts and dense
 * layers); its transpose in h is the convolution with the transposed tensors at the opposite offsets. One
 * primitive instead of a shift, a dense layer and an addition per offset, so the executor gathers each neighbour
 * once and keeps nothing in between. Operands: h, then the tensors in the order of the offsets.
 *
 * <p>Summation order (the {@code cpu} and {@code interpret} backends follow it, so they agree bit for bit): each
 * output component is the sum of {@link #partialSums()} partial sums, added left to right; partial sum c starts from
 * zero and adds the terms of the offsets o with o mod {@code partialSums()} = c, offsets ascending and within an
 * offset the inputs ascending. Independent partial sums let a core overlap their additions (one sum of 36 terms
 * waits on 36 additions in a row); a single offset is one plain sum.
 */
public final class Conv extends Node {
    /** The most partial sums an output component is split into. */
    public static final int PARTIAL_SUMS = 4;

    private final Node h;
    private final List<Node> weights;
    private final int[][] offsets;
    private final int rows;
    private final int cols;
    private final boolean transposed;

    Conv(Node h, List<Node> weights, int[][] offsets, int rows, int cols, boolean transposed) {
        super(Type.vector(transposed ? cols : rows, false));
        kinds("conv", h, Type.Kind.VECTOR);
        if (h.type().global() || h.type().n() != (transposed ? rows : cols)) {
            throw new DslException("conv(" + h + "): needs a field of " + (transposed ? rows : cols) + "-vectors, got a " + h.type());
        }
        if (offsets.length == 0 || offsets.length != weights.size()) {
            throw new DslException("conv(" + h + "): " + weights.size() + " weight tensors for " + offsets.length + " offsets");
        }
        for (Node w : weights) {
            kinds("conv", w, Type.Kind.VECTOR);
            if (!w.type().global() || w.type().n() != rows * cols) {
                throw new DslException("conv(" + h + "): weight tensor " + w + " is a " + w.type() + ", not a global "
                        + rows + "x" + cols + " tensor");
            }
        }
        this.h = h;
        this.weights = List.copyOf(weights);
        this.offsets = new int[offsets.length][];
        for (int o = 0; o < offsets.length; o++) {
            this.offsets[o] = offsets[o].clone();
        }
        this.rows = rows;
        this.cols = cols;
        this.transposed = transposed;
    }

    /** The offsets δ_o (copies). */
    public int[][] offsets() {
        int[][] copy = new int[offsets.length][];
        for (int o = 0; o < offsets.length; o++) {
            copy[o] = offsets[o].clone();
        }
        return copy;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public boolean transposed() {
        return transposed;
    }

    /** How many partial sums each output component adds (see the class comment): one per offset, at most {@link #PARTIAL_SUMS}. */
    public int partialSums() {
        return Math.min(PARTIAL_SUMS, offsets.length);
    }

    /** The field operand h. */
    public Node field() {
        return h;
    }

    /** The weight tensors, in the order of the offsets. */
    public List<Node> weights() {
        return weights;
    }

    /** The same convolution of another field. */
    private Conv of(Node field) {
        return new Conv(field, weights, offsets, rows, cols, transposed);
    }

    /** The transpose in h: y(x) = Σ_o M_oᵀ c(x − δ_o). */
    private Conv adjoint(Node c) {
        int[][] back = new int[offsets.length][];
        for (int o = 0; o < offsets.length; o++) {
            back[o] = new int[offsets[o].length];
            for (int mu = 0; mu < back[o].length; mu++) {
                back[o][mu] = -offsets[o][mu];
            }
        }
        return new Conv(c, weights, back, rows, cols, !transposed);
    }

    /** h(x + δ_o) as shifts. */
    private Node shifted(Node field, int o) {
        Node s = field;
        for (int mu = 0; mu < offsets[o].length; mu++) {
            if (offsets[o][mu] != 0) {
                s = s.shift(mu, offsets[o][mu]);
            }
        }
        return s;
    }

    @Override
    public List<Node> inputs() {
        List<Node> in = new java.util.ArrayList<>();
        in.add(h);
        in.addAll(weights);
        return in;
    }

    @Override
    Node rebuild(List<Node> in) {
        return new Conv(in.getFirst(), in.subList(1, in.size()), offsets, rows, cols, transposed);
    }

    /** Of the field through the convolution, of each tensor through a dense layer. */
    @Override
    Node jvp(List<Node> t) {
        Node sum = t.get(0) == null ? null : of(t.get(0));
        for (int o = 0; o < weights.size(); o++) {
            Node dw = t.get(o + 1);
            if (dw != null) {
                Node shifted = shifted(h, o);
                sum = Graphs.add(sum, transposed ? new DenseT(dw, shifted, cols) : new Dense(dw, shifted, rows));
            }
        }
        return sum;
    }

    /** Linear in h only: the JVP puts tangent weights in dense layers. */
    @Override
    void transpose(Node c, Cotangents ct) {
        if (weights.stream().anyMatch(ct::isLinear)) {
            throw new DslException("transpose: " + this + " has tangent weights; its JVP puts them in dense layers");
        }
        ct.add(h, adjoint(c.type().global() ? new Broadcast(c) : c));
    }

    @Override
    public String toString() {
        return shallow("conv(" + java.util.Arrays.deepToString(offsets) + "," + rows + "x" + cols + (transposed ? ",T" : "") + ")");
    }
}
