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
        if (n == 3) {
            multiply3(a, ao, daggerA, b, bo, daggerB, out, oo, accumulate);
        } else {
            loops(n, a, ao, daggerA, b, bo, daggerB, out, oo, accumulate);
        }
    }

    /** {@link #multiply} as plain loops over i, j, k for any n (package-private: the unrolled 3×3 case's reference). */
    static void loops(int n, double[] a, int ao, boolean daggerA, double[] b, int bo, boolean daggerB,
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
                store(out, oo + 2 * (i * n + j), re, im, accumulate);
            }
        }
    }

    /**
     * (out at oo) = (a at ao) · (b at bo) for 3×3 matrices, unrolled (the same operations in the same order as the
     * general loops of {@link #multiply}, so bit-identical to them), several times faster for SU(3)'s many small
     * products. out must not overlap.
     */
    public static void multiply3(double[] a, int ao, double[] b, int bo, double[] out, int oo) {
        multiply3(a, ao, false, b, bo, false, out, oo, false);
    }

    /**
     * (out at oo) (+)= op(a at ao) · op(b at bo) for 3×3 matrices, op = dagger where asked: reads a factor's conjugate
     * transpose in place, bit-identical to daggering it first. {@link #multiply} runs it for n = 3. out must not
     * overlap.
     */
    public static void multiply3(double[] a, int ao, boolean daggerA, double[] b, int bo, boolean daggerB,
                                 double[] out, int oo, boolean accumulate) {
        if (!daggerA && !daggerB && !accumulate) {
            plainProduct3(a, ao, b, bo, out, oo);
        } else {
            product3(a, ao, daggerA, b, bo, daggerB, out, oo, accumulate);
        }
    }

    /** {@link #multiply3} in general: the factors' elements at variable strides, their imaginary parts signed. */
    private static void product3(double[] a, int ao, boolean daggerA, double[] b, int bo, boolean daggerB,
                                 double[] out, int oo, boolean accumulate) {
        // element (i, k) of op(a) is a[ao + i·ai + k·ak] with the imaginary part times sa; likewise for b
        int ai = daggerA ? 2 : 6;
        int ak = daggerA ? 6 : 2;
        int bk = daggerB ? 2 : 6;
        int bj = daggerB ? 6 : 2;
        double sa = daggerA ? -1 : 1;
        double sb = daggerB ? -1 : 1;
        for (int i = 0; i < 3; i++) {
            int ia = ao + ai * i;
            double a0r = a[ia];
            double a0i = sa * a[ia + 1];
            double a1r = a[ia + ak];
            double a1i = sa * a[ia + ak + 1];
            double a2r = a[ia + 2 * ak];
            double a2i = sa * a[ia + 2 * ak + 1];
            for (int j = 0; j < 3; j++) {
                int jb = bo + bj * j;
                double b0r = b[jb];
                double b0i = sb * b[jb + 1];
                double b1r = b[jb + bk];
                double b1i = sb * b[jb + bk + 1];
                double b2r = b[jb + 2 * bk];
                double b2i = sb * b[jb + 2 * bk + 1];
                double re = 0;
                double im = 0;
                re += a0r * b0r - a0i * b0i;
                im += a0r * b0i + a0i * b0r;
                re += a1r * b1r - a1i * b1i;
                im += a1r * b1i + a1i * b1r;
                re += a2r * b2r - a2i * b2i;
                im += a2r * b2i + a2i * b2r;
                store(out, oo + 6 * i + 2 * j, re, im, accumulate);
            }
        }
    }

    /**
     * out = a · b for 3×3 matrices: the general product's arithmetic with constant offsets and no signs, which the
     * JIT compiles to about 1.3× faster code (half the products of SU(3) layers' graphs are of this kind).
     */
    private static void plainProduct3(double[] a, int ao, double[] b, int bo, double[] out, int oo) {
        for (int i = 0; i < 3; i++) {
            int ia = ao + 6 * i;
            double a0r = a[ia];
            double a0i = a[ia + 1];
            double a1r = a[ia + 2];
            double a1i = a[ia + 3];
            double a2r = a[ia + 4];
            double a2i = a[ia + 5];
            for (int j = 0; j < 3; j++) {
                int jb = bo + 2 * j;
                double b0r = b[jb];
                double b0i = b[jb + 1];
                double b1r = b[jb + 6];
                double b1i = b[jb + 7];
                double b2r = b[jb + 12];
                double b2i = b[jb + 13];
                double re = 0;
                double im = 0;
                re += a0r * b0r - a0i * b0i;
                im += a0r * b0i + a0i * b0r;
                re += a1r * b1r - a1i * b1i;
                im += a1r * b1i + a1i * b1r;
                re += a2r * b2r - a2i * b2i;
                im += a2r * b2i + a2i * b2r;
                out[oo + 6 * i + 2 * j] = re;
                out[oo + 6 * i + 2 * j + 1] = im;
            }
        }
    }

    /** Writes (or adds) the element re + i·im at out[o]. */
    private static void store(double[] out, int o, double re, double im, boolean accumulate) {
        if (accumulate) {
            out[o] += re;
            out[o + 1] += im;
        } else {
            out[o] = re;
            out[o + 1] = im;
        }
    }

    /** out (at offset 0) = the conjugate transpose of the 3×3 matrix a at ao (imaginary parts negated exactly). */
    public static void dagger3(double[] a, int ao, double[] out) {
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                out[2 * (i * 3 + j)] = a[ao + 2 * (j * 3 + i)];
                out[2 * (i * 3 + j) + 1] = -a[ao + 2 * (j * 3 + i) + 1];
            }
        }
    }

    /** out = a · b for matrices at offset 0. */
    public static void multiply(int n, double[] a, double[] b, double[] out) {
        multiply(n, a, 0, false, b, 0, false, out, 0, false);
    }
}
