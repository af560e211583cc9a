package org.fthmc.dsl;

import java.util.List;

/**
 * TA(M) = ½(M − M†) − (1/2n) tr(M − M†)·1, the traceless anti-Hermitian part (docs/science.md §3.1), one pass per
 * site: entry (i, j) is ½(Re m_ij − Re m_ji) + i(½(Im m_ij + Im m_ji) − δ_ij (Σ_k Im m_kk)/n), exactly anti-Hermitian
 * in floating point. An orthogonal projection for the real inner product, so its own adjoint.
 */
public final class TracelessAntiHermitian extends Unary {
    TracelessAntiHermitian(Node a) {
        super(kinds("tracelessAntiHermitian", a, Type.Kind.MATRIX).type(), a);
    }

    @Override
    Node rebuild(List<Node> in) {
        return new TracelessAntiHermitian(in.get(0));
    }

    @Override
    Node adjoint(Node c, Type operand) {
        return c.tracelessAntiHermitian();
    }

    @Override
    public String toString() {
        return shallow("tracelessAntiHermitian");
    }
}
