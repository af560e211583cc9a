package org.fthmc.dsl;

/**
 * The floating-point operations a node costs per site (for a global node: once), for benchmarks' GFlop/s. The
 * convention is the hand-written kernels': a real addition or multiplication is 1, a complex multiply-add 8 (so a
 * product of two n×n complex matrices is 8n³, 216 for SU(3)), a real multiply-add 2; an elementary function (sin,
 * exp, ...) and a reciprocal count 1; copies, shifts, conjugation, transposition, component picks and broadcasts
 * count 0.
 */
final class Flops {
    private Flops() {
    }

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
