package org.fthmc.dsl;

import org.fthmc.math.Tanh;
import org.fthmc.math.Trig;

/**
 * The elementwise real functions of the DSL, each with its derivative written as a DSL expression of the argument
 * (so derivatives of any order come from the same rules). GELU, swish and sigmoid are compositions of these
 * (see {@link Node#gelu()}).
 */
public enum Fn {
    SIN, COS, EXP, LOG, LOG1P, TANH, ATAN, SQRT, RECIP;

    public double apply(double x) {
        return switch (this) {
            case SIN -> Trig.sin(x);
            case COS -> Trig.cos(x);
            case EXP -> Math.exp(x);
            case LOG -> Math.log(x);
            case LOG1P -> Math.log1p(x);
            case TANH -> Tanh.tanh(x);
            case ATAN -> Trig.atan(x);
            case SQRT -> Math.sqrt(x);
            case RECIP -> 1 / x;
        };
    }

    /** f'(x) as an expression of x. */
    public Node derivative(Node x) {
        return switch (this) {
            case SIN -> x.cos();
            case COS -> x.sin().negate();
            case EXP -> x.exp();
            case LOG -> x.recip();
            case LOG1P -> x.plus(1).recip();
            case TANH -> x.tanh().square().negate().plus(1);
            case ATAN -> x.square().plus(1).recip();
            case SQRT -> x.sqrt().recip().times(0.5);
            case RECIP -> x.recip().square().negate();
        };
    }

    public String op() {
        return name().toLowerCase();
    }
}
