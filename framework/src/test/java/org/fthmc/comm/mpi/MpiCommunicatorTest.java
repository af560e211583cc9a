package org.fthmc.comm.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link MpiCommunicator} on 1, 2 and 4 processes under {@code mpirun} (see {@link MpiCheck}). */
class MpiCommunicatorTest {
    @Test
    void everyOperationGivesTheSameOnEveryRankOfAnyGrid() throws Exception {
        for (String grid : List.of("1", "2", "1,2", "4", "2,2", "1,1,1,4")) {
            int processes = java.util.Arrays.stream(grid.split(",")).mapToInt(Integer::parseInt).reduce(1, (a, b) -> a * b);
            MpiTesting.Run run = MpiTesting.run(processes, MpiCheck.class, grid);
            assertEquals(0, run.exitCode(), run.output());
            for (int r = 0; r < processes; r++) {
                assertTrue(run.output().contains("rank " + r + " ok"), "grid " + grid + ":\n" + run.output());
            }
            assertTrue(!run.output().contains("FAILED"), run.output());
        }
    }

    @Test
    void aGridThatDoesNotMatchTheProcessesIsRefusedOnEveryRankWithoutHanging() throws Exception {
        MpiTesting.Run run = MpiTesting.run(2, MpiCheck.class, "3");
        assertTrue(run.exitCode() != 0, run.output());
        for (int r = 0; r < 2; r++) {
            assertTrue(run.output().contains("rank " + r + " refused: a process grid of [3] needs 3 processes, but the job has 2"),
                    run.output());
        }
    }
}
