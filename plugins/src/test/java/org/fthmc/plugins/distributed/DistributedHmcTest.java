package org.fthmc.plugins.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.fthmc.comm.mpi.MpiTesting;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * HMC with the lattice split into slabs over 2 and 4 MPI processes gives the one-process run bit for bit: 2D U(1)
 * Wilson, SU(3) DBW2 with the hand-written force and with the DSL-derived one, SU(3) Wilson after heat-bath
 * sweeps, and the Wilson flow's t²E and Q of the SU(3) fields (see {@link DistributedHmcCheck}).
 */
class DistributedHmcTest {
    @ParameterizedTest
    @ValueSource(strings = {"u1", "su3-dbw2", "su3-dsl", "su3-heatbath"})
    void hmcOnTwoAndFourRanksIsBitIdenticalToOneProcess(String which) throws Exception {
        MpiTesting.Run one = MpiTesting.run(1, DistributedHmcCheck.class, which, "2");
        assertEquals(0, one.exitCode(), one.output());
        String expected = results(one.output());
        assertTrue(expected.contains("action"), one.output());
        assertTrue(expected.contains("accepted"), expected);
        assertTrue(which.equals("u1") || expected.contains("flowed t2E"), expected);
        for (int ranks : new int[] {2, 4}) {
            MpiTesting.Run run = MpiTesting.run(ranks, DistributedHmcCheck.class, which, "1");
            assertEquals(0, run.exitCode(), run.output());
            assertEquals(expected, results(run.output()), ranks + " ranks:\n" + run.output());
        }
    }

    /**
     * Blocks split along z and t (8⁴ on a 1×1×2×2 grid: each block's rows of sites are whole blocks of the one-process
     * sums) give the one-process run bit for bit, the heat bath and the flow included.
     */
    @ParameterizedTest
    @ValueSource(strings = {"su3-dbw2", "su3-dsl", "su3-heatbath"})
    void blocksOfATwoByTwoGridAreBitIdenticalToOneProcess(String which) throws Exception {
        MpiTesting.Run one = MpiTesting.run(1, DistributedHmcCheck.class, which, "2", "1,1,1,1");
        assertEquals(0, one.exitCode(), one.output());
        String expected = results(one.output());
        assertTrue(expected.contains("flowed t2E"), one.output());
        MpiTesting.Run run = MpiTesting.run(4, DistributedHmcCheck.class, which, "1", "1,1,2,2");
        assertEquals(0, run.exitCode(), run.output());
        assertEquals(expected, results(run.output()), "1x1x2x2 blocks:\n" + run.output());
    }

    /**
     * 2D U(1) on a 2×2 grid: the blocks' rows are 16 sites, so sums are added in another order than in one process;
     * the trajectories agree to rounding (every ΔH to 1e-9, the same decisions).
     */
    @org.junit.jupiter.api.Test
    void u1OnATwoByTwoGridAgreesWithOneProcessToRounding() throws Exception {
        MpiTesting.Run one = MpiTesting.run(1, DistributedHmcCheck.class, "u1", "2", "1,1");
        MpiTesting.Run run = MpiTesting.run(4, DistributedHmcCheck.class, "u1", "1", "2,2");
        assertEquals(0, one.exitCode(), one.output());
        assertEquals(0, run.exitCode(), run.output());
        List<String> a = results(one.output()).lines().toList();
        List<String> b = results(run.output()).lines().toList();
        assertEquals(a.size(), b.size(), run.output());
        assertTrue(a.size() >= 7, one.output());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).replaceAll("[0-9a-f]+ \\(.*\\)", ""), b.get(i).replaceAll("[0-9a-f]+ \\(.*\\)", ""));
            double x = value(a.get(i));
            double y = value(b.get(i));
            assertEquals(x, y, 1e-9 * Math.max(1, Math.abs(x)), a.get(i) + " against " + b.get(i));
        }
    }

    /** The decimal value a result line prints in parentheses. */
    private static double value(String line) {
        return Double.parseDouble(line.substring(line.indexOf('(') + 1, line.indexOf(')')));
    }

    private static String results(String output) {
        return output.lines().filter(l -> l.startsWith("trajectory") || l.startsWith("action") || l.startsWith("plaquette")
                        || l.startsWith("flowed"))
                .reduce("", (a, b) -> a + b + "\n");
    }
}
