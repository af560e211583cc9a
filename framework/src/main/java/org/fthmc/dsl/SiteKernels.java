package org.fthmc.dsl;

import java.util.function.Function;

/**
 * The CPU loop computing one DSL node on a range of sites of a lattice. Dot products and SU(3) matrix products
 * with a constant factor (the generators of a Lie algebra, mostly zeros) skip the constant's zero entries.
 */
final class SiteKernels {
    private final SiteTables tables;
    private final Function<Node, double[]> constants;

    /** @param constants the value of a node that is a global constant (folded or not), null for any other */
    SiteKernels(SiteTables tables, Function<Node, double[]> constants) {
        this.tables = tables;
        this.constants = constants;
    }

    /** Builds the site tables node n reads, so that runs only read them. */
    void prepare(Node n) {
        if (n instanceof Shift sh) {
            tables.shift(sh.mu(), sh.k());
        } else if (n instanceof ShiftBy sh) {
            tables.offset(sh.offset());
        } else if (n instanceof Conv conv) {
            tables.offsets(conv);
        } else if (n instanceof Dense || n instanceof DenseT) {
            tables.identity();
        }
    }

    /** The loop computing node n into out from its operands' values (global operands: their components only). */
    SiteKernel kernel(Node n, double[] out, double[][] in) {
        int c = n.type().components();
        return switch (n) {
            case Add add -> Kernels.add(out, in[0], in[1], c);
            case Neg neg -> Kernels.negate(out, in[0], c);
            case Apply f -> Kernels.apply(out, in[0], f.fn(), c);
            case Inverse inv -> Kernels.inverse(out, in[0], n.type().n());
            case LogAbsDet l -> Kernels.logAbsDet(out, in[0], l.inputs().getFirst().type().n());
            case ExpCoefficients e -> Kernels.expCoefficients(out, in[0], in.length > 1 ? in[1] : null, e.n(), e.p(), e.q());
            case Mul mul -> isMatrixProduct(mul) ? matrixProduct(mul, out, in[0], false, in[1], false) : product(mul, out, in);
            case Conj conj -> Kernels.conj(out, in[0], c);
            case Dagger d -> Kernels.dagger(out, in[0], n.type().n());
            case TracelessAntiHermitian ta -> Kernels.tracelessAntiHermitian(out, in[0], n.type().n());
            case Trace t -> Kernels.trace(out, in[0], t.inputs().getFirst().type().n());
            case Re r -> Kernels.pick(out, in[0], 2, 0, 1);
            case Im i -> Kernels.pick(out, in[0], 2, 1, 1);
            case Component v -> Kernels.pick(out, in[0], v.inputs().getFirst().type().components(), v.index(), 1);
            case Element e -> {
                int m = e.inputs().getFirst().type().n();
                yield Kernels.pick(out, in[0], 2 * m * m, 2 * (e.row() * m + e.column()), 2);
            }
            case RealDot d -> dot(d, out, in);
            case Dense d -> dense(d, out, in, d.out(), d.inputs().get(1).type().n(), false);
            case DenseT d -> dense(d, out, in, d.inputs().get(1).type().n(), d.in(), true);
            case Outer o -> Kernels.outer(out, in[0], in[1], o.inputs().get(0).type().n(), o.inputs().get(1).type().n());
            case Shift sh -> Kernels.shift(out, in[0], tables.shift(sh.mu(), sh.k()), c);
            case ShiftBy sh -> Kernels.shift(out, in[0], tables.offset(sh.offset()), c);
            case Conv conv -> Kernels.conv(out, in[0], java.util.Arrays.copyOfRange(in, 1, in.length),
                    tables.offsets(conv), conv.rows(), conv.cols(), conv.transposed(), conv.partialSums());
            case Broadcast b -> Kernels.broadcast(out, in[0], c);
            case FromReals f -> {
                int[] slots = new int[in.length];
                for (int i = 0; i < in.length; i++) {
                    slots[i] = f.slot(i);
                }
                yield Kernels.fromReals(out, in, slots, c);
            }
            case Sum sum -> throw new IllegalStateException("sums are reductions, run between stages");
            case Max max -> throw new IllegalStateException("maxima are reductions, run between stages");
            case AtMax at -> Kernels.atMax(out, in[0], in[1]);
            case Constant k -> throw new IllegalStateException("constants are held apart, not evaluated");
            case Input x -> throw new IllegalStateException("inputs are bound, not evaluated");
            case FieldConstant k -> throw new IllegalStateException("field constants are not evaluated");
        };
    }

    /**
     * A dense layer (rows × cols weights, transposed for Wᵀ): global weights on a field of vectors, a network's case,
     * run as the convolution kernel with the single offset 0, its fastest loop.
     */
    private SiteKernel dense(Node n, double[] out, double[][] in, int rows, int cols, boolean transposed) {
        if (n.inputs().get(0).type().global() && !n.inputs().get(1).type().global()) {
            return Kernels.conv(out, in[1], new double[][] {in[0]}, new int[][] {tables.identity()}, rows, cols, transposed, 1);
        }
        return Kernels.dense(out, in[0], in[1], rows, cols, transposed);
    }

    /** A dot product, reading only the non-zero components of a constant factor. */
    private SiteKernel dot(RealDot d, double[] out, double[][] in) {
        for (int i = 0; i < 2; i++) {
            if (constants.apply(d.inputs().get(i)) != null) {
                return Kernels.dotConstant(out, in[1 - i], in[i]);
            }
        }
        return Kernels.dot(out, in[0], in[1], d.inputs().getFirst().type().components());
    }

    /** The kernel of a product other than of two matrices, by the kinds of its factors (see {@link Mul}). */
    private static SiteKernel product(Mul mul, double[] out, double[][] in) {
        Type ta = mul.inputs().get(0).type();
        Type tb = mul.inputs().get(1).type();
        int c = mul.type().components();
        Type.Kind ka = ta.kind();
        Type.Kind kb = tb.kind();
        if (ka == kb && (ka == Type.Kind.REAL || ka == Type.Kind.VECTOR)) {
            return Kernels.elementwise(out, in[0], in[1], c);
        }
        if (ka == Type.Kind.REAL) {
            return Kernels.scale(out, in[0], in[1], c);
        }
        if (kb == Type.Kind.REAL) {
            return Kernels.scale(out, in[1], in[0], c);
        }
        if (ka == Type.Kind.COMPLEX) {
            return Kernels.complexScale(out, in[0], in[1], c);
        }
        return Kernels.complexScale(out, in[1], in[0], c);
    }

    /** Whether a node is a product of two matrices (the reader a folded dagger needs, see {@link CompiledGraph}). */
    static boolean isMatrixProduct(Node n) {
        return n instanceof Mul && n.inputs().stream().allMatch(in -> in.type().kind() == Type.Kind.MATRIX);
    }

    /** Whether n is the sum of two matrix fields (whose kernel can read a factor daggered in place). */
    static boolean isMatrixSum(Node n) {
        return n instanceof Add && n.inputs().stream().allMatch(in -> in.type().kind() == Type.Kind.MATRIX && !in.type().global());
    }

    /**
     * The loop of a product of two matrices reading op(a) · op(b), op = dagger where asked (a folded dagger: the
     * factor read is the dagger's operand). A 3×3 product with one constant factor sums only the terms whose
     * constant entry is not zero.
     */
    SiteKernel matrixProduct(Mul mul, double[] out, double[] a, boolean daggerA, double[] b, boolean daggerB) {
        int n = mul.inputs().getFirst().type().n();
        if (n == 3) {
            boolean constantA = constants.apply(read(mul, 0, daggerA)) != null;
            boolean constantB = constants.apply(read(mul, 1, daggerB)) != null;
            if (constantB) {
                return Kernels.matmul3Constant(out, a, daggerA, b, daggerB, false);
            }
            if (constantA) {
                return Kernels.matmul3Constant(out, b, daggerB, a, daggerA, true);
            }
        }
        return Kernels.matmul(out, a, daggerA, b, daggerB, n);
    }

    /** The node whose value a product reads as its factor i: the factor, or the operand of a folded dagger. */
    private static Node read(Mul mul, int i, boolean folded) {
        Node factor = mul.inputs().get(i);
        return folded ? factor.inputs().getFirst() : factor;
    }
}
