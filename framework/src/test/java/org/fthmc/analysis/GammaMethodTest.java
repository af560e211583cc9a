package org.fthmc.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GammaMethodTest {
    /** AR(1) chain x_{t+1} = ρ x_t + √(1−ρ²) η_t: unit variance, exact τ_int = (1+ρ)/(2(1−ρ)). */
    private static double[] ar1(double rho, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n];
        double v = gaussian(r);
        for (int t = 0; t < n; t++) {
            v = rho * v + Math.sqrt(1 - rho * rho) * gaussian(r);
            x[t] = v;
        }
        return x;
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    @Test
    void findsTheIntegratedAutocorrelationTimeOfAnAr1Chain() {
        double rho = 0.8;
        double exactTau = (1 + rho) / (2 * (1 - rho));
        Estimate e = GammaMethod.analyse(ar1(rho, 400_000, 3));
        assertEquals(exactTau, e.tauInt(), 4 * e.tauIntError());
        assertEquals(Math.sqrt(2 * exactTau / 400_000), e.error(), 0.05 * e.error());
        assertEquals(0, e.mean(), 4 * e.error());
    }

    @Test
    void independentDataHaveTauOneHalf() {
        Estimate e = GammaMethod.analyse(ar1(0, 100_000, 5));
        assertEquals(0.5, e.tauInt(), 4 * e.tauIntError() + 0.01);
        assertEquals(1 / Math.sqrt(100_000), e.error(), 0.05 / Math.sqrt(100_000));
    }

    @Test
    void errorsOverReplicasMatchTheScatterOfIndependentRuns() {
        double rho = 0.6;
        List<double[]> replicas = new ArrayList<>();
        for (int r = 0; r < 4; r++) {
            replicas.add(ar1(rho, 50_000, 11 + r));
        }
        Estimate e = GammaMethod.analyse(replicas);
        double exactTau = (1 + rho) / (2 * (1 - rho));
        assertEquals(Math.sqrt(2 * exactTau / 200_000), e.error(), 0.1 * e.error());
    }

    @Test
    void constantSeriesHasZeroError() {
        Estimate e = GammaMethod.analyse(new double[] {2, 2, 2, 2});
        assertEquals(2, e.mean());
        assertEquals(0, e.error());
    }

    @Test
    void jackknifeOfTheMeanMatchesTheNaiveErrorForIndependentData() {
        double[] x = ar1(0, 20_000, 9);
        Estimate j = Jackknife.estimate(List.of(x), 100, sample -> {
            double s = 0;
            int n = 0;
            for (int i = 0; i < x.length; i++) {
                if (sample.keeps(0, i)) {
                    s += x[i];
                    n++;
                }
            }
            return s / n;
        });
        assertTrue(Math.abs(j.error() - 1 / Math.sqrt(x.length)) < 0.2 / Math.sqrt(x.length), "jackknife error " + j.error());
    }
}
