package org.fthmc.rng;

import org.fthmc.math.Trig;

/**
 * The coordinates of a family of draws: (seed, stream, trajectory, purpose). Together with a site and an index
 * within the site they name one Philox block, so results are bit-identical whatever the thread count or the
 * domain decomposition.
 *
 * <p>Counter layout: word 0 = index of the draw within the site, word 1 = global site, word 2 = trajectory,
 * word 3 = stream (high 24 bits) and purpose (low 8 bits). Key = the 64-bit seed.
 */
public record RandomKey(long seed, int stream, long trajectory, Purpose purpose) {
    public RandomKey {
        if (stream < 0 || stream >= (1 << 24)) {
            throw new IllegalArgumentException("stream must be in [0, 2^24), got " + stream);
        }
        if (trajectory < 0 || trajectory > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("trajectory must be in [0, 2^32), got " + trajectory);
        }
    }

    /** Two uniform doubles in (0, 1) for (site, index), 53 random bits each, from one Philox block. */
    public void uniformPair(int site, int index, double[] out2) {
        int[] w = new int[4];
        Philox.block(index, site, (int) trajectory, (stream << 8) | purpose.code(), (int) seed, (int) (seed >>> 32), w);
        out2[0] = toUnit(w[0], w[1]);
        out2[1] = toUnit(w[2], w[3]);
    }

    /** One uniform double in (0, 1) for (site, index). */
    public double uniform(int site, int index) {
        double[] u = new double[2];
        uniformPair(site, index, u);
        return u[0];
    }

    /** Two independent standard normal numbers for (site, index) by Box–Muller, written to out[offset], out[offset+1]. */
    public void gaussianPair(int site, int index, double[] out, int offset) {
        double[] u = new double[2];
        uniformPair(site, index, u);
        double r = Math.sqrt(-2 * Math.log(u[0]));
        double a = 2 * Math.PI * u[1];
        out[offset] = r * Trig.cos(a);
        out[offset + 1] = r * Trig.sin(a);
    }

    private static double toUnit(int hi, int lo) {
        long bits = ((hi & 0xFFFFFFFFL) << 21) | ((lo & 0xFFFFFFFFL) >>> 11);
        return (bits + 0.5) * 0x1.0p-53;
    }
}
