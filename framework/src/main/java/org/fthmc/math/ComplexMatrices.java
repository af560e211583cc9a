package org.fthmc.math;

/**
 * Products of n×n complex matrices stored row-major with interleaved (re, im) in flat arrays at given offsets:
 * out = op(a) · op(b) or out += op(a) · op(b), op the identity or the Hermitian conjugate. The one place these
 * loops are written; the SU(N) group, the staple kernel, the loops of measurements and the DSL executor call it.
 */
public final class ComplexMatrices {
    private ComplexMatrices() {
    }

    /**
     * (out at oo) (+)= op(a at ao) · op(b at bo), with op = dagger where asked. out must not overlap a or b unless
     * it is a separate array.
     */
    public static void multiply(int n, double[] a, int ao, boolean daggerA, double[] b, int bo, boolean daggerB,
                                double[] out, int oo, boolean accumulate) {
        // element (i, k) of op(a) is a[ao + 2(i·ai + k·ak)] with the imaginary part times sa; likewise for b
        int ai = daggerA ? 2 : 2 * n;
        int ak = daggerA ? 2 * n : 2;
        int bk = daggerB ? 2 : 2 * n;
        int bj = daggerB ? 2 * n : 2;
        double sa = daggerA ? -1 : 1;
        double sb = daggerB ? -1 : 1;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double re = 0;
                double im = 0;
                int ia = ao + i * ai;
                int ib = bo + j * bj;
                for (int k = 0; k < n; k++) {
                    double ar = a[ia];
                    double aim = sa * a[ia + 1];
                    double br = b[ib];
                    double bim = sb * b[ib + 1];
                    re += ar * br - aim * bim;
                    im += ar * bim + aim * br;
                    ia += ak;
                    ib += bk;
                }
                int o = oo + 2 * (i * n + j);
                if (accumulate) {
                    out[o] += re;
                    out[o + 1] += im;
                } else {
                    out[o] = re;
                    out[o + 1] = im;
                }
            }
        }
    }

    /** out = a · b for matrices at offset 0. */
    public static void multiply(int n, double[] a, double[] b, double[] out) {
        multiply(n, a, 0, false, b, 0, false, out, 0, false);
    }
}
