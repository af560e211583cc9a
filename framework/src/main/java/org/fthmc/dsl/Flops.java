package org.fthmc.dsl;

/**
 * The floating-point operations a node costs per site (for a global node: once), for benchmarks' GFlop/s. The
 * convention is the hand-written kernels': a real addition or multiplication is 1, a complex multiply-add 8 (so a
 * product of two n×n complex matrices is 8n³, 216 for SU(3)), a real multiply-add 2; an elementary function (sin,
 * exp, ...) and a reciprocal count 1; copies, shifts, conjugation, transposition, component picks and broadcasts
 * count 0. The executor's dot products and SU(3) products with a constant factor skip its zero entries
 * ({@link SiteKernels}); their counts here do too.
 */
final class Flops {
    private Flops() {
    }

    /**
     * @param constants the value of a node that is a global constant, null for any other (how the executor knows
     *                  which factors are constants)
     */
    static double perSite(Node n, java.util.function.Function<Node, double[]> constants) {
        double[] k = n instanceof RealDot || isProduct3(n) ? constantFactor(n, constants) : null;
        if (k == null) {
            return perSite(n);
        }
        int nonzero = 0;
        for (int i = 0; i < k.length; i += 2) {
            if (n instanceof RealDot) {
                nonzero += (k[i] != 0 ? 1 : 0) + (k[i + 1] != 0 ? 1 : 0);
            } else {
                nonzero += k[i] != 0 || k[i + 1] != 0 ? 1 : 0;
            }
        }
        // a dot: a multiply-add per non-zero component; a product: 3 complex multiply-adds per non-zero entry
        return n instanceof RealDot ? 2.0 * nonzero : 8.0 * 3 * nonzero;
    }

    private static boolean isProduct3(Node n) {
        return SiteKernels.isMatrixProduct(n) && n.inputs().getFirst().type().n() == 3;
    }

    /** The value of a constant factor (a folded dagger's operand counts as the dagger), or null. */
    private static double[] constantFactor(Node n, java.util.function.Function<Node, double[]> constants) {
        for (Node in : n.inputs()) {
            double[] k = constants.apply(in);
            if (k == null && in instanceof Dagger) {
                k = constants.apply(in.inputs().getFirst());
            }
            if (k != null) {
                return k;
            }
        }
        return null;
    }

    /** The count of the kernels that read every entry (the compiled steps, the OpenCL kernels). */
    static double perSite(Node n) {
        int c = n.type().components();
        return switch (n) {
            case Add add -> c;
            case Neg neg -> c;
            case Apply f -> c;
            case Mul mul -> product(mul);
            case Trace t -> 2.0 * (n.inputs().getFirst().type().n() - 1);
            case TracelessAntiHermitian ta -> 2.0 * c;
            case RealDot d -> 2.0 * n.inputs().getFirst().type().components();
            case Dense d -> 2.0 * d.out() * d.inputs().get(1).type().n();
            case DenseT d -> 2.0 * d.in() * d.inputs().get(1).type().n();
            case Outer o -> c;
            case Conv conv -> 2.0 * conv.rows() * conv.cols() * conv.offsets().length;
            case Sum s -> c;
            case Max m -> n.inputs().size();
            case AtMax a -> 1;
            case Inverse inv -> 8.0 * cube(n.type().n());
            case LogAbsDet l -> 8.0 * cube(n.inputs().getFirst().type().n()) / 3;
            case ExpCoefficients e -> expCoefficients(e);
            default -> 0;
        };
    }

    /** The product's flops by the kinds of its factors (see {@link Mul}). */
    private static double product(Mul mul) {
        Type a = mul.inputs().get(0).type();
        Type b = mul.inputs().get(1).type();
        int c = mul.type().components();
        if (a.kind() == b.kind() && (a.kind() == Type.Kind.REAL || a.kind() == Type.Kind.VECTOR)) {
            return c;
        }
        if (a.kind() == Type.Kind.REAL || b.kind() == Type.Kind.REAL) {
            return c;
        }
        if (a.kind() == Type.Kind.COMPLEX || b.kind() == Type.Kind.COMPLEX) {
            return 3.0 * c; // 6 flops per complex component pair
        }
        return 8.0 * cube(a.n());
    }

    /**
     * The series' operations at ‖H‖ ≈ 1 (about 20 terms): per term and Taylor coefficient tracked, 5 for the
     * recursion and 2 per coefficient summed.
     */
    private static double expCoefficients(ExpCoefficients e) {
        int tracked = (e.p() + 1) * (e.q() + 1);
        int coefficients = e.n() == 3 ? 3 : 2;
        return 20.0 * (5 * tracked + 2 * coefficients);
    }

    private static double cube(int n) {
        return (double) n * n * n;
    }
}
