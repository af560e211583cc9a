package org.fthmc.gpu;

import org.fthmc.dsl.Fn;
import org.fthmc.dsl.codegen.CLikeDialect;

/** OpenCL C as a {@link CLikeDialect}: the device's math library. */
final class OpenClDialect extends CLikeDialect {
    static final OpenClDialect INSTANCE = new OpenClDialect();

    private OpenClDialect() {
    }

    @Override
    public String function(Fn fn, String x) {
        return switch (fn) {
            case SIN, COS, EXP, LOG, LOG1P, TANH, ATAN, SQRT -> fn.op() + "(" + x + ")";
            case RECIP -> "(1.0 / " + x + ")";
        };
    }
}
