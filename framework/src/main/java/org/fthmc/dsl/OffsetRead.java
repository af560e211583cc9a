package org.fthmc.dsl;

import java.util.List;

/** A node that reads its one operand at another site, x + δ: {@link Shift} and {@link ShiftBy}. */
public sealed interface OffsetRead permits Shift, ShiftBy {
    /** δ as a D-vector (a fresh array; trailing directions may be left out). */
    int[] displacement();

    /** The field read. */
    Node operand();
}
