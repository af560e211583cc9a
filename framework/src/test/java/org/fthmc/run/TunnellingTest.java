package org.fthmc.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TunnellingTest {
    private static final int LAG = 4;

    /** A charge history of n trajectories that is 0 except for one unit step at each of the given trajectories. */
    private static double[] steps(int n, int... at) {
        double[] q = new double[n];
        for (int s : at) {
            for (int i = s; i < n; i++) {
                q[i] += 1;
            }
        }
        return q;
    }

    @Test
    void countsTheJackknifeBinsInWhichTheChargeMoved() {
        // 2 000 trajectories, bins of 100: steps at 150 and 1 020 are seen from starts 146..149 and 1 016..1 019
        double[] q = steps(2000, 150, 1020);
        assertEquals(2, Tunnelling.tunnellingBins(List.of(q), LAG));
        // a step at 102 is seen from starts 98..101, in bins 0 and 1
        assertEquals(2, Tunnelling.tunnellingBins(List.of(steps(2000, 102)), LAG));
        // rounding noise of a charge computed from angles is not tunnelling
        double[] noisy = new double[2000];
        for (int i = 0; i < noisy.length; i++) {
            noisy[i] = 1e-15 * (i % 3);
        }
        assertEquals(0, Tunnelling.tunnellingBins(List.of(noisy), LAG));
    }

    @Test
    void warnsWhenFewerThanHalfTheBinsSeeTunnelling() {
        double[] every50 = new double[2000];
        for (int i = 0; i < every50.length; i++) {
            every50[i] = Math.floor(i / 50.0);
        }
        assertEquals(Tunnelling.BINS, Tunnelling.tunnellingBins(List.of(every50), LAG));
        assertNull(Tunnelling.sparseTunnellingWarning(List.of(every50), LAG));
        String warning = Tunnelling.sparseTunnellingWarning(List.of(steps(2000, 150, 1020)), LAG);
        assertTrue(warning != null && warning.contains("2 of 20"), warning);
    }

    @Test
    void summaryOmitsGammaWithoutTunnellingAndExplainsAnUnreliableError() {
        // one tunnelling event: leaving its bin out makes dQ2 vanish, so the jackknife error of gamma is absurd
        Map<String, Object> one = Summary.tunnelling(List.of(steps(2000, 150)), 64, 4.0);
        assertTrue(one.containsKey("gamma"));
        assertTrue(((String) one.get("note")).contains("too little tunnelling"), String.valueOf(one.get("note")));
        Map<String, Object> none = Summary.tunnelling(List.of(new double[2000]), 64, 4.0);
        assertTrue(!none.containsKey("gamma") && ((String) none.get("note")).contains("never moved"), none.toString());
    }
}
