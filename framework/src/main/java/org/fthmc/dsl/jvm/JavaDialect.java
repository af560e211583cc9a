package org.fthmc.dsl.jvm;

import org.fthmc.dsl.Fn;
import org.fthmc.dsl.codegen.CLikeDialect;

/** Java as a {@link CLikeDialect}: the executor's own functions (Trig's sine, cosine and arctangent, Tanh's tanh, Math's others), so compiled and interpreted values agree bit for bit. */
final class JavaDialect extends CLikeDialect {
    static final JavaDialect INSTANCE = new JavaDialect();

    private JavaDialect() {
    }

    @Override
    public String function(Fn fn, String x) {
        return switch (fn) {
            case SIN -> "org.fthmc.math.Trig.sin(" + x + ")";
            case COS -> "org.fthmc.math.Trig.cos(" + x + ")";
            case EXP -> "Math.exp(" + x + ")";
            case LOG -> "Math.log(" + x + ")";
            case LOG1P -> "Math.log1p(" + x + ")";
            case TANH -> "org.fthmc.math.Tanh.tanh(" + x + ")";
            case ATAN -> "org.fthmc.math.Trig.atan(" + x + ")";
            case SQRT -> "Math.sqrt(" + x + ")";
            case RECIP -> "1 / " + x;
        };
    }
}
