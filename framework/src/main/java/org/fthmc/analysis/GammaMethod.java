package org.fthmc.analysis;

import java.util.List;

/**
 * Wolff's Γ-method (Comput. Phys. Commun. 156 (2004) 143) for a primary observable measured on one or more
 * independent replicas (Markov streams): autocorrelation function, automatic window (S = 1.5), bias-corrected
 * error and τ_int with its error.
 */
public final class GammaMethod {
    /** Wolff's default ratio S = τ / τ_int used to pick the window. */
    public static final double S = 1.5;

    private GammaMethod() {
    }

    public static Estimate analyse(double[] series) {
        return analyse(List.of(series));
    }

    /** Size, mean and shortest replica of a data set. */
    private record Sizes(int n, double mean, int shortest) {
        static Sizes of(List<double[]> replicas) {
            int n = 0;
            double sum = 0;
            int shortest = Integer.MAX_VALUE;
            for (double[] r : replicas) {
                n += r.length;
                shortest = Math.min(shortest, r.length);
                for (double x : r) {
                    sum += x;
                }
            }
            if (n == 0) {
                throw new IllegalArgumentException("no data");
            }
            return new Sizes(n, sum / n, shortest);
        }
    }

    public static Estimate analyse(List<double[]> replicas) {
        Sizes sizes = Sizes.of(replicas);
        int n = sizes.n();
        int shortest = sizes.shortest();
        double mean = sizes.mean();
        if (n == 1) {
            return new Estimate(mean, Double.NaN, 0.5, Double.NaN, 0);
        }
        double gamma0 = autocovariance(replicas, mean, 0);
        if (gamma0 <= 0) {
            return new Estimate(mean, 0, 0.5, 0, 0);
        }
        double[] gamma = new double[Math.max(2, shortest)];
        gamma[0] = gamma0;
        int window = window(replicas, mean, gamma, n);
        double c = gamma[0];
        for (int t = 1; t <= window; t++) {
            c += 2 * gamma[t];
        }
        // Bias correction of Γ for the estimated mean: Γ(t) += C_W / N (Wolff eq. 31), applied to C and Γ(0).
        double cCorrected = c * (1 + (2.0 * window + 1) / n);
        double gamma0Corrected = gamma[0] + c / n;
        double tau = Math.max(cCorrected / (2 * gamma0Corrected), 0.5);
        double error = Math.sqrt(Math.max(cCorrected, 0) / n);
        double tauError = tau * Math.sqrt(Math.max(4.0 * (window + 0.5 - tau) / n, 0));
        return new Estimate(mean, error, tau, tauError, window);
    }

    /** Normalised autocorrelation function ρ(t) = Γ(t)/Γ(0) for t < maxLag (for plots). */
    public static double[] autocorrelation(List<double[]> replicas, int maxLag) {
        Sizes sizes = Sizes.of(replicas);
        int lags = Math.max(1, Math.min(sizes.shortest(), maxLag + 1));
        double[] rho = new double[lags];
        double gamma0 = autocovariance(replicas, sizes.mean(), 0);
        for (int t = 0; t < lags; t++) {
            rho[t] = gamma0 > 0 ? autocovariance(replicas, sizes.mean(), t) / gamma0 : 0;
        }
        return rho;
    }

    /** Γ(t) = Σ_r Σ_i (a_r(i) − ā)(a_r(i+t) − ā) / (N − R t). */
    private static double autocovariance(List<double[]> replicas, double mean, int t) {
        double s = 0;
        int pairs = 0;
        for (double[] r : replicas) {
            for (int i = 0; i + t < r.length; i++) {
                s += (r[i] - mean) * (r[i + t] - mean);
            }
            pairs += Math.max(0, r.length - t);
        }
        return pairs > 0 ? s / pairs : 0;
    }

    /**
     * The first W where g(W) = exp(−W/τ_W) − τ_W/√(W N) turns negative (Wolff eq. 52); fills gamma[1..W] on the
     * way, so the cost is O(N W), not O(N²).
     */
    private static int window(List<double[]> replicas, double mean, double[] gamma, int n) {
        double tauSum = 0.5;
        for (int w = 1; w < gamma.length; w++) {
            gamma[w] = autocovariance(replicas, mean, w);
            tauSum += gamma[w] / gamma[0];
            double tau;
            if (tauSum <= 0.5) {
                tau = Double.MIN_NORMAL;
            } else {
                tau = S / Math.log((2 * tauSum + 1) / (2 * tauSum - 1));
            }
            double g = Math.exp(-w / tau) - tau / Math.sqrt((double) w * n);
            if (g < 0) {
                return w;
            }
        }
        return gamma.length - 1;
    }
}
