package org.fthmc.plugins.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    private static String results(String output) {
        return output.lines().filter(l -> l.startsWith("trajectory") || l.startsWith("action") || l.startsWith("plaquette")
                        || l.startsWith("flowed"))
                .reduce("", (a, b) -> a + b + "\n");
    }
}
