package org.fthmc.dsl;

import java.util.List;
import org.fthmc.math.CayleyHamiltonExp;

/**
 * ∂_s^p ∂_t^q of the coefficients of e^{iH} = f0 + f1 H + f2 H² (n = 3; f0 + f1 H for n = 2) for a traceless Hermitian
 * n×n H with invariants s = ½ tr H² and t = det H ({@link CayleyHamiltonExp}): a vector (re f0, im f0, re f1, im f1
 * [, re f2, im f2]). Nonlinear; its JVP is the next derivatives times ds and dt, so derivatives of any order are nodes
 * of this kind. Built by {@link Node#expTracelessAntiHermitian}.
 */
public final class ExpCoefficients extends Node {
    private final int n;
    private final int p;
    private final int q;
    private final List<Node> invariants;

    /** @param invariants s, and t for n = 3 (real fields or global reals) */
    ExpCoefficients(int n, int p, int q, List<Node> invariants) {
        super(Type.vector(CayleyHamiltonExp.components(n), invariants.stream().allMatch(x -> x.type().global())));
        if (invariants.size() != (n == 3 ? 2 : 1)) {
            throw new DslException("expCoefficients for n = " + n + ": needs " + (n == 3 ? "s and t" : "s") + ", got " + invariants);
        }
        for (Node x : invariants) {
            kinds("expCoefficients", x, Type.Kind.REAL);
        }
        this.n = n;
        this.p = p;
        this.q = q;
        this.invariants = List.copyOf(invariants);
    }

    /** The matrix size n (2 or 3). */
    public int n() {
        return n;
    }

    /** The order of the derivative in s. */
    public int p() {
        return p;
    }

    /** The order of the derivative in t. */
    public int q() {
        return q;
    }

    @Override
    public List<Node> inputs() {
        return invariants;
    }

    @Override
    Node rebuild(List<Node> in) {
        return new ExpCoefficients(n, p, q, in);
    }

    @Override
    Node jvp(List<Node> t) {
        Node ds = t.get(0) == null ? null : new ExpCoefficients(n, p + 1, q, invariants).times(t.get(0));
        Node dt = t.size() < 2 || t.get(1) == null ? null : new ExpCoefficients(n, p, q + 1, invariants).times(t.get(1));
        return Graphs.add(ds, dt);
    }

    @Override
    public String toString() {
        return shallow("expCoefficients" + n + "_" + p + "_" + q);
    }
}
