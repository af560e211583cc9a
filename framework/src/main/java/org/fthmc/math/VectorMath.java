package org.fthmc.math;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The elementwise functions of compiled site-vectorised kernels, lane by lane bit-identical to their scalar
 * counterparts, so that a site gives the same value whether a vector or the scalar tail of a loop computes it, on any
 * thread count: {@link Trig}'s sine and cosine as the same operations in the same order on vectors, and Math's other
 * functions called lane by lane. The Vector API's own transcendental functions are not used: HotSpot computes them
 * with a different library once the optimising compiler has compiled the caller (its results change with the
 * compilation tier). Only loaded where the {@code jdk.incubator.vector} module is present ({@link org.fthmc.dsl.jvm.VectorLoops}).
 */
public final class VectorMath {
    /** The widest vectors the machine has. */
    public static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    /** 1.5 · 2^52: y + MAGIC − MAGIC rounds y to the nearest integer, ties to even (Math.rint) for |y| < 2^51. */
    private static final double MAGIC = 0x1.8p52;
    private static final double LIMIT = 0x1p20;

    private VectorMath() {
    }

    /** {@link Trig#sin} lane by lane, bit for bit. */
    public static DoubleVector sin(DoubleVector x) {
        return sinCos(x, 0);
    }

    /** {@link Trig#cos} lane by lane, bit for bit. */
    public static DoubleVector cos(DoubleVector x) {
        return sinCos(x, 1);
    }

    /** sin (quadrant shift 0) or cos (1): Trig's reduction by π/2 and its kernels; lanes beyond ±2^20 or NaN by Math. */
    private static DoubleVector sinCos(DoubleVector x, int shift) {
        DoubleVector shifted = x.mul(Trig.INV_PIO2).add(MAGIC);
        // rint's sign too: −0 for y in [−0.5, 0], which the subtraction alone makes +0
        DoubleVector k = ((LongVector) shifted.sub(MAGIC).viewAsIntegralLanes())
                .or(((LongVector) x.viewAsIntegralLanes()).and(Long.MIN_VALUE)).viewAsFloatingLanes();
        // the low bits of y + MAGIC are those of rint(y) in two's complement
        LongVector q = ((LongVector) shifted.viewAsIntegralLanes()).add(shift).and(3);
        DoubleVector r = x.sub(k.mul(Trig.PIO2_HI)).sub(k.mul(Trig.PIO2_LO));
        DoubleVector z = r.mul(r);
        DoubleVector sin = r.mul(z).mul(z.mul(Trig.S6).add(Trig.S5).mul(z).add(Trig.S4).mul(z).add(Trig.S3).mul(z)
                .add(Trig.S2).mul(z).add(Trig.S1)).add(r);
        DoubleVector cos = DoubleVector.broadcast(SPECIES, 1).sub(z.mul(0.5)).add(z.mul(z).mul(z.mul(Trig.C6).add(Trig.C5)
                .mul(z).add(Trig.C4).mul(z).add(Trig.C3).mul(z).add(Trig.C2).mul(z).add(Trig.C1)));
        VectorMask<Double> odd = q.and(1).compare(VectorOperators.NE, 0).cast(SPECIES);
        VectorMask<Double> negative = q.and(2).compare(VectorOperators.NE, 0).cast(SPECIES);
        DoubleVector v = sin.blend(cos, odd);
        v = v.blend(v.neg(), negative);
        VectorMask<Double> reduced = x.abs().compare(VectorOperators.LT, LIMIT);
        if (reduced.allTrue()) {
            return v;
        }
        double[] lanes = v.toArray();
        for (int i = 0; i < lanes.length; i++) {
            if (!reduced.laneIsSet(i)) {
                lanes[i] = shift == 0 ? Math.sin(x.lane(i)) : Math.cos(x.lane(i));
            }
        }
        return DoubleVector.fromArray(SPECIES, lanes, 0);
    }

    /** Math.exp lane by lane. */
    public static DoubleVector exp(DoubleVector x) {
        double[] lanes = x.toArray();
        for (int i = 0; i < lanes.length; i++) {
            lanes[i] = Math.exp(lanes[i]);
        }
        return DoubleVector.fromArray(SPECIES, lanes, 0);
    }

    /** Math.log lane by lane. */
    public static DoubleVector log(DoubleVector x) {
        double[] lanes = x.toArray();
        for (int i = 0; i < lanes.length; i++) {
            lanes[i] = Math.log(lanes[i]);
        }
        return DoubleVector.fromArray(SPECIES, lanes, 0);
    }

    /** Math.log1p lane by lane. */
    public static DoubleVector log1p(DoubleVector x) {
        double[] lanes = x.toArray();
        for (int i = 0; i < lanes.length; i++) {
            lanes[i] = Math.log1p(lanes[i]);
        }
        return DoubleVector.fromArray(SPECIES, lanes, 0);
    }

    /** Math.tanh lane by lane. */
    public static DoubleVector tanh(DoubleVector x) {
        double[] lanes = x.toArray();
        for (int i = 0; i < lanes.length; i++) {
            lanes[i] = Math.tanh(lanes[i]);
        }
        return DoubleVector.fromArray(SPECIES, lanes, 0);
    }

    /** Math.atan lane by lane. */
    public static DoubleVector atan(DoubleVector x) {
        double[] lanes = x.toArray();
        for (int i = 0; i < lanes.length; i++) {
            lanes[i] = Math.atan(lanes[i]);
        }
        return DoubleVector.fromArray(SPECIES, lanes, 0);
    }

    /** The square root, correctly rounded as Math.sqrt. */
    public static DoubleVector sqrt(DoubleVector x) {
        return x.lanewise(VectorOperators.SQRT);
    }

    /** The offsets 0, c, 2c, … of one component of consecutive sites of c components, for strided gathers. */
    public static int[] stride(int c) {
        int[] offsets = new int[SPECIES.length()];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = i * c;
        }
        return offsets;
    }

    /** A neighbour table times c: the first component of each neighbour of c-component values, for gathers. */
    public static int[] scaled(int[] table, int c) {
        int[] scaled = new int[table.length];
        for (int i = 0; i < table.length; i++) {
            scaled[i] = table[i] * c;
        }
        return scaled;
    }
}
