package org.fthmc.plugins.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fthmc.comm.mpi.MpiTesting;
import org.junit.jupiter.api.Test;

/** 2D U(1) HMC split into slabs over MPI processes gives the one-process run bit for bit. */
class DistributedU1HmcTest {
    @Test
    void hmcOnTwoAndFourRanksIsBitIdenticalToOneProcess() throws Exception {
        MpiTesting.Run one = MpiTesting.run(1, DistributedU1HmcCheck.class, "2");
        assertEquals(0, one.exitCode(), one.output());
        String expected = one.output().lines().filter(l -> l.startsWith("trajectory") || l.startsWith("action"))
                .reduce("", (a, b) -> a + b + "\n");
        assertEquals(7, expected.lines().count(), one.output());
        assertTrue(expected.contains("accepted"), expected);
        for (int ranks : new int[] {2, 4}) {
            MpiTesting.Run run = MpiTesting.run(ranks, DistributedU1HmcCheck.class, "1");
            assertEquals(0, run.exitCode(), run.output());
            String got = run.output().lines().filter(l -> l.startsWith("trajectory") || l.startsWith("action"))
                    .reduce("", (a, b) -> a + b + "\n");
            assertEquals(expected, got, ranks + " ranks:\n" + run.output());
        }
    }
}
