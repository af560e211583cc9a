package org.fthmc.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.fthmc.comm.Communicator;
import org.fthmc.run.Processes;

/**
 * How a training job's processes share the configurations of a batch. When every process holds the whole lattice
 * ({@code lattice.ranks} all 1 under mpirun), configuration i goes to process i mod N and every process gets every
 * configuration's result back in batch order, so sums over the batch are the one-process sums, bit for bit. In one
 * process, or when each configuration is split into blocks, every process evaluates every configuration.
 */
final class BatchShare {
    /** The processes splitting the batch; null where each evaluates all of it. */
    private final Communicator communicator;

    BatchShare(Processes processes) {
        this.communicator = processes.replicated() ? processes.communicator() : null;
    }

    /** f of each item in order, every result {@code length} doubles long; each process evaluates its share. */
    <T> List<double[]> map(List<T> items, int length, Function<T, double[]> f) {
        if (communicator == null) {
            return items.stream().map(f).toList();
        }
        int n = communicator.size();
        double[] mine = new double[count(items.size(), n, communicator.rank()) * length];
        for (int i = communicator.rank(), k = 0; i < items.size(); i += n, k++) {
            double[] result = f.apply(items.get(i));
            if (result.length != length) {
                throw new IllegalStateException("a result of " + result.length + " doubles, expected " + length);
            }
            System.arraycopy(result, 0, mine, k * length, length);
        }
        double[] all = communicator.allGather(mine);
        int[] start = new int[n];
        for (int r = 1; r < n; r++) {
            start[r] = start[r - 1] + count(items.size(), n, r - 1) * length;
        }
        List<double[]> results = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            int from = start[i % n] + (i / n) * length;
            results.add(Arrays.copyOfRange(all, from, from + length));
        }
        return results;
    }

    /** How many of {@code items} go to process {@code rank} of {@code n}. */
    private static int count(int items, int n, int rank) {
        return rank < items ? (items - rank + n - 1) / n : 0;
    }
}
