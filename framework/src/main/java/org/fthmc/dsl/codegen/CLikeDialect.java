package org.fthmc.dsl.codegen;

import java.util.List;
import org.fthmc.dsl.Add;
import org.fthmc.dsl.Apply;
import org.fthmc.dsl.Broadcast;
import org.fthmc.dsl.Conj;
import org.fthmc.dsl.Dagger;
import org.fthmc.dsl.Fn;
import org.fthmc.dsl.Mul;
import org.fthmc.dsl.Neg;
import org.fthmc.dsl.Node;
import org.fthmc.dsl.TracelessAntiHermitian;
import org.fthmc.dsl.Type;

/**
 * What the C-like kernel renderers (Java source for the {@code cpu} backend, OpenCL C for {@code opencl}) write the
 * same way: the expressions of a per-site primitive's components from those of its operands. A renderer supplies how
 * it reads an operand's component at the current site ({@link Reader}) and whether it loops over components or
 * unrolls them; a dialect supplies what differs between the languages (the elementwise functions). A further
 * language (CUDA) is a dialect and a renderer's loops and memory, not a second copy of these rules.
 */
public abstract class CLikeDialect {
    /** How a renderer reads component {@code index} (a literal or an int expression) of an operand at the current site. */
    @FunctionalInterface
    public interface Reader {
        String read(Node operand, String index);
    }

    /** The language's call of an elementwise function on the expression x. */
    public abstract String function(Fn fn, String x);

    /**
     * How many components {@link #components} gives at a time for a componentwise primitive (1: each from the same
     * component of its operands; 2: complex pairs), 0 for other primitives.
     */
    public static int stride(Node n) {
        return switch (n) {
            case Add a -> 1;
            case Neg x -> 1;
            case Apply f -> 1;
            case Broadcast b -> 1;
            case Conj c -> 2;
            case Mul m -> isComponentwise(m) ? (hasComplexFactor(m) ? 2 : 1) : 0;
            default -> 0;
        };
    }

    /** The operands of a componentwise primitive read at the component index (the others at fixed components). */
    public static List<Node> indexed(Node n) {
        if (n instanceof Mul m && isComponentwise(m) && !isElementwise(m)) {
            return List.of(wide(m));
        }
        return n.inputs();
    }

    /**
     * The expressions of components k, k + 1, … ({@link #stride} of them) of a componentwise primitive, k a literal
     * or an int expression: sums, negations, functions, broadcasts, conjugates, elementwise products, and the
     * scaling of a vector or matrix by a real or complex number.
     */
    public List<String> components(Node n, String k, Reader r) {
        List<Node> in = n.inputs();
        return switch (n) {
            case Add a -> List.of(r.read(in.get(0), k) + " + " + r.read(in.get(1), k));
            case Neg x -> List.of("-" + r.read(in.get(0), k));
            case Apply f -> List.of(function(f.fn(), r.read(in.get(0), k)));
            case Broadcast b -> List.of(r.read(in.get(0), k));
            case Conj c -> List.of(r.read(in.get(0), k), "-" + r.read(in.get(0), plus(k, 1)));
            case Mul m when isElementwise(m) -> List.of(r.read(in.get(0), k) + " * " + r.read(in.get(1), k));
            case Mul m when hasComplexFactor(m) -> {
                Node z = in.get(0).type().kind() == Type.Kind.COMPLEX ? in.get(0) : in.get(1);
                Node w = wide(m);
                String zr = r.read(z, "0");
                String zi = r.read(z, "1");
                yield List.of(zr + " * " + r.read(w, k) + " - " + zi + " * " + r.read(w, plus(k, 1)),
                        zr + " * " + r.read(w, plus(k, 1)) + " + " + zi + " * " + r.read(w, k));
            }
            case Mul m when isComponentwise(m) -> {
                Node w = wide(m);
                boolean scalarFirst = w == in.get(1);
                String s = r.read(scalarFirst ? in.get(0) : in.get(1), "0");
                yield List.of(scalarFirst ? s + " * " + r.read(w, k) : r.read(w, k) + " * " + s);
            }
            default -> throw new IllegalArgumentException(n + " is not computed component by component");
        };
    }

    /**
     * Entry (i, j) of an n×n matrix primitive defined entry by entry, as (re, im) expressions, i and j literals or int
     * expressions: the conjugate transpose, and the traceless anti-Hermitian part (trace: the name of a variable
     * holding Σ_k Im m_kk, which the renderer declares first, summed from 0.0 in k order).
     */
    public static List<String> entry(Node node, String i, String j, Reader r, String trace) {
        Node a = node.inputs().getFirst();
        int n = node.type().n();
        String ij = "2 * (" + i + " * " + n + " + " + j + ")";
        String ji = "2 * (" + j + " * " + n + " + " + i + ")";
        if (isLiteral(i) && isLiteral(j)) {
            ij = Integer.toString(2 * (Integer.parseInt(i) * n + Integer.parseInt(j)));
            ji = Integer.toString(2 * (Integer.parseInt(j) * n + Integer.parseInt(i)));
        }
        return switch (node) {
            case Dagger d -> List.of(r.read(a, ji), "-" + r.read(a, plus(ji, 1)));
            case TracelessAntiHermitian t -> {
                String im = "0.5 * (" + r.read(a, plus(ij, 1)) + " + " + r.read(a, plus(ji, 1)) + ")";
                String diagonal = " - " + trace + " / " + n;
                yield List.of("0.5 * (" + r.read(a, ij) + " - " + r.read(a, ji) + ")",
                        isLiteral(i) && isLiteral(j) ? (i.equals(j) ? im + diagonal : im)
                                : im + " - (" + i + " == " + j + " ? " + trace + " / " + n + " : 0.0)");
            }
            default -> throw new IllegalArgumentException(node + " is not defined entry by entry");
        };
    }

    /** The index expression k + d (folded when k is a literal). */
    public static String plus(String k, int d) {
        if (d == 0) {
            return k;
        }
        return isLiteral(k) ? Integer.toString(Integer.parseInt(k) + d) : k + " + " + d;
    }

    public static boolean isLiteral(String k) {
        return !k.isEmpty() && k.chars().allMatch(Character::isDigit);
    }

    /** A product computed component by component: elementwise on reals or vectors, or a scaling. */
    private static boolean isComponentwise(Mul m) {
        Type.Kind ka = m.inputs().get(0).type().kind();
        Type.Kind kb = m.inputs().get(1).type().kind();
        return !(ka == Type.Kind.MATRIX && kb == Type.Kind.MATRIX);
    }

    private static boolean isElementwise(Mul m) {
        Type.Kind ka = m.inputs().get(0).type().kind();
        Type.Kind kb = m.inputs().get(1).type().kind();
        return ka == kb && (ka == Type.Kind.REAL || ka == Type.Kind.VECTOR);
    }

    /** A scaling by a complex number (of a complex number, a matrix): complex pairs. */
    private static boolean hasComplexFactor(Mul m) {
        Type.Kind ka = m.inputs().get(0).type().kind();
        Type.Kind kb = m.inputs().get(1).type().kind();
        return !isElementwise(m) && ka != Type.Kind.REAL && kb != Type.Kind.REAL
                && (ka == Type.Kind.COMPLEX || kb == Type.Kind.COMPLEX);
    }

    /** The factor of a scaling that has the product's shape (the one read at the component index). */
    private static Node wide(Mul m) {
        Node a = m.inputs().get(0);
        Node b = m.inputs().get(1);
        if (hasComplexFactor(m)) {
            return a.type().kind() == Type.Kind.COMPLEX && b.type().kind() != Type.Kind.COMPLEX ? b
                    : b.type().kind() == Type.Kind.COMPLEX && a.type().kind() != Type.Kind.COMPLEX ? a : b;
        }
        return a.type().kind() == Type.Kind.REAL ? b : a;
    }
}
