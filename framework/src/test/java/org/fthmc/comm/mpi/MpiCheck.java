package org.fthmc.comm.mpi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.fthmc.comm.ProcessGrid;

/**
 * The program {@link MpiCommunicatorTest} runs under {@code mpirun}: every rank checks each operation of
 * {@link MpiCommunicator} against what it must give and prints one line, {@code rank R ok} or
 * {@code rank R FAILED: what}; a grid that does not match the job prints {@code rank R refused: message} and exits 2.
 * Argument: the grid, e.g. {@code 2,2}.
 */
public final class MpiCheck {
    private MpiCheck() {
    }

    public static void main(String[] args) {
        int[] ranks = Arrays.stream(args[0].split(",")).mapToInt(Integer::parseInt).toArray();
        MpiCommunicator c;
        try {
            c = MpiCommunicator.open(ranks);
        } catch (IllegalArgumentException e) {
            System.out.println("rank " + System.getenv("OMPI_COMM_WORLD_RANK") + " refused: " + e.getMessage());
            System.exit(2);
            return;
        }
        List<String> failures = new ArrayList<>();
        try (c) {
            check(c, failures);
        }
        System.out.println("rank " + c.rank() + (failures.isEmpty() ? " ok" : " FAILED: " + String.join("; ", failures)));
    }

    private static void check(MpiCommunicator c, List<String> failures) {
        int rank = c.rank();
        int size = c.size();
        if (c.grid().size() != size) {
            failures.add("grid " + c.grid() + " for " + size + " processes");
        }
        // allGather: rank r contributes r + 1 values 10 r + i.
        double[] mine = new double[rank + 1];
        for (int i = 0; i <= rank; i++) {
            mine[i] = 10 * rank + i;
        }
        List<Double> expected = new ArrayList<>();
        for (int r = 0; r < size; r++) {
            for (int i = 0; i <= r; i++) {
                expected.add(10.0 * r + i);
            }
        }
        double[] gathered = c.allGather(mine);
        if (!Arrays.equals(gathered, expected.stream().mapToDouble(Double::doubleValue).toArray())) {
            failures.add("allGather " + Arrays.toString(gathered));
        }
        // sumInOrder: the block sums of one array split into consecutive pieces add up to its one-process sum, bit for bit.
        double[] blocks = new SplittableRandom(7).doubles(1000, -1e3, 1e3).toArray();
        double serial = 0;
        for (double b : blocks) {
            serial += b;
        }
        int from = blocks.length * rank / size;
        int to = blocks.length * (rank + 1) / size;
        double inOrder = c.sumInOrder(Arrays.copyOfRange(blocks, from, to));
        if (Double.doubleToLongBits(inOrder) != Double.doubleToLongBits(serial)) {
            failures.add("sumInOrder " + inOrder + " != " + serial);
        }
        double sum = c.sum(rank + 0.25);
        if (sum != size * (size - 1) / 2.0 + 0.25 * size) {
            failures.add("sum " + sum);
        }
        if (c.max(-rank) != 0 || c.max(rank) != size - 1) {
            failures.add("max");
        }
        // broadcast from the last rank.
        double[] values = {rank, rank * 2.5};
        c.broadcast(values, size - 1);
        byte[] bytes = {(byte) rank, 7};
        c.broadcast(bytes, size - 1);
        if (values[0] != size - 1 || values[1] != (size - 1) * 2.5 || bytes[0] != (byte) (size - 1) || bytes[1] != 7) {
            failures.add("broadcast " + Arrays.toString(values) + " " + Arrays.toString(bytes));
        }
        // exchange: each rank sends its grid coordinates; what arrives comes from the neighbour 1 step against the direction.
        ProcessGrid grid = c.grid();
        int d = grid.ranks().length;
        double[] coordinates = Arrays.stream(grid.coordinates()).asDoubleStream().toArray();
        for (int mu = 0; mu < d; mu++) {
            for (int direction : new int[] {1, -1}) {
                double[] received = new double[d];
                c.exchange(mu, direction, coordinates, received);
                double[] from1 = coordinates.clone();
                from1[mu] = Math.floorMod(grid.coordinate(mu) - direction, grid.ranks(mu));
                if (!Arrays.equals(received, from1)) {
                    failures.add("exchange mu " + mu + " direction " + direction + ": " + Arrays.toString(received));
                }
            }
        }
        // A second open with the same grid shares the instance, and closing it leaves MPI open; another grid is refused.
        MpiCommunicator again = MpiCommunicator.open(grid.ranks());
        if (again != c) {
            failures.add("a second open with the same grid gave another instance");
        }
        again.close();
        c.barrier();
        try {
            MpiCommunicator.open(d == 1 ? new int[] {1, size} : new int[] {size});
            failures.add("an open with another grid was accepted");
        } catch (IllegalStateException refused) {
            // MPI starts once per process
        }
    }
}
