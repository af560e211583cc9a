package org.fthmc.train;

import java.util.List;

/**
 * Adam (Kingma & Ba) and AdamW (decoupled weight decay, Loshchilov & Hutter) on a list of parameter arrays, with
 * optional clipping of the gradient's global L2 norm. Deterministic; its moments and step can be read and restored
 * (training checkpoints).
 */
public final class Adam {
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;
    private final double clipNorm;
    private final LearningRate schedule;
    private final double[][] m;
    private final double[][] v;
    private long step;

    /**
     * @param weightDecay decoupled decay per step times the rate (0: plain Adam)
     * @param clipNorm    the largest global L2 norm of the gradient (0: no clipping)
     */
    public Adam(List<double[]> parameters, LearningRate schedule, double beta1, double beta2, double epsilon, double weightDecay,
                double clipNorm) {
        if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1 && epsilon > 0 && weightDecay >= 0 && clipNorm >= 0)) {
            throw new IllegalArgumentException("Adam needs 0 <= beta1, beta2 < 1, epsilon > 0, weight decay and clip norm >= 0");
        }
        this.schedule = schedule;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
        this.clipNorm = clipNorm;
        this.m = new double[parameters.size()][];
        this.v = new double[parameters.size()][];
        for (int i = 0; i < parameters.size(); i++) {
            m[i] = new double[parameters.get(i).length];
            v[i] = new double[parameters.get(i).length];
        }
    }

    /** Plain Adam with the usual constants (0.9, 0.999, 1e-8), no decay, no clipping. */
    public static Adam standard(List<double[]> parameters, LearningRate schedule) {
        return new Adam(parameters, schedule, 0.9, 0.999, 1e-8, 0, 0);
    }

    /** One update of the parameters in place with their gradient (same shapes); returns the rate it used. */
    public double update(List<double[]> parameters, List<double[]> gradient) {
        double scale = 1;
        if (clipNorm > 0) {
            double norm2 = 0;
            for (double[] g : gradient) {
                for (double x : g) {
                    norm2 += x * x;
                }
            }
            double norm = Math.sqrt(norm2);
            scale = norm > clipNorm ? clipNorm / norm : 1;
        }
        double rate = schedule.rate(step);
        step++;
        double c1 = 1 - Math.pow(beta1, step);
        double c2 = 1 - Math.pow(beta2, step);
        for (int i = 0; i < parameters.size(); i++) {
            double[] p = parameters.get(i);
            double[] g = gradient.get(i);
            for (int k = 0; k < p.length; k++) {
                double gk = scale * g[k];
                m[i][k] = beta1 * m[i][k] + (1 - beta1) * gk;
                v[i][k] = beta2 * v[i][k] + (1 - beta2) * gk * gk;
                p[k] -= rate * ((m[i][k] / c1) / (Math.sqrt(v[i][k] / c2) + epsilon) + weightDecay * p[k]);
            }
        }
        return rate;
    }

    /** Updates done so far. */
    public long steps() {
        return step;
    }

    /** The first moments, one array per parameter array (live, not copies). */
    public List<double[]> firstMoments() {
        return List.of(m);
    }

    /** The second moments, one array per parameter array (live, not copies). */
    public List<double[]> secondMoments() {
        return List.of(v);
    }

    /** Restores the state of a checkpoint: the step count and both moments. */
    public void restore(long steps, List<double[]> first, List<double[]> second) {
        this.step = steps;
        for (int i = 0; i < m.length; i++) {
            System.arraycopy(first.get(i), 0, m[i], 0, m[i].length);
            System.arraycopy(second.get(i), 0, v[i], 0, v[i].length);
        }
    }
}
