package org.fthmc.math;

/**
 * sin and cos about 3× faster than {@link Math#sin} for the moderate arguments of lattice angles, accurate to about
 * one ulp: Cody–Waite reduction by π/2 (two-part constant) and the fdlibm kernel polynomials on [−π/4, π/4].
 * Arguments beyond ±2^20 fall back to {@link Math}, whose exact reduction they need.
 */
public final class Trig {
    private static final double S1 = -1.66666666666666324348e-01;
    private static final double S2 = 8.33333333332248946124e-03;
    private static final double S3 = -1.98412698298579493134e-04;
    private static final double S4 = 2.75573137070700676789e-06;
    private static final double S5 = -2.50507602534068634195e-08;
    private static final double S6 = 1.58969099521155010221e-10;
    private static final double C1 = 4.16666666666666019037e-02;
    private static final double C2 = -1.38888888888741095749e-03;
    private static final double C3 = 2.48015872894767294178e-05;
    private static final double C4 = -2.75573143513906633035e-07;
    private static final double C5 = 2.08757232129817482790e-09;
    private static final double C6 = -1.13596475577881948265e-11;
    private static final double PIO2_HI = 1.57079632673412561417e+00;
    private static final double PIO2_LO = 6.07710050650619224932e-11;
    private static final double INV_PIO2 = 6.36619772367581382433e-01;
    private static final double LIMIT = 0x1p20;

    private Trig() {
    }

    public static double sin(double x) {
        if (!(Math.abs(x) < LIMIT)) {
            return Math.sin(x);
        }
        double k = Math.rint(x * INV_PIO2);
        double r = (x - k * PIO2_HI) - k * PIO2_LO;
        int q = ((int) k) & 3;
        double v = (q & 1) == 0 ? kernelSin(r) : kernelCos(r);
        return (q & 2) == 0 ? v : -v;
    }

    public static double cos(double x) {
        if (!(Math.abs(x) < LIMIT)) {
            return Math.cos(x);
        }
        double k = Math.rint(x * INV_PIO2);
        double r = (x - k * PIO2_HI) - k * PIO2_LO;
        int q = (((int) k) + 1) & 3;
        double v = (q & 1) == 0 ? kernelSin(r) : kernelCos(r);
        return (q & 2) == 0 ? v : -v;
    }

    private static double kernelSin(double r) {
        double z = r * r;
        return r + r * z * (S1 + z * (S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)))));
    }

    private static double kernelCos(double r) {
        double z = r * r;
        return 1 - 0.5 * z + z * z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
    }
}
