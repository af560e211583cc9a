package org.fthmc.comm;

/** The communicator of a run in one process: every reduction is the identity, every exchange a copy. */
public final class SingleProcessCommunicator implements Communicator {
    public static final SingleProcessCommunicator INSTANCE = new SingleProcessCommunicator();

    private SingleProcessCommunicator() {
    }

    @Override
    public int rank() {
        return 0;
    }

    @Override
    public int size() {
        return 1;
    }

    @Override
    public double sum(double local) {
        return local;
    }

    @Override
    public double max(double local) {
        return local;
    }

    @Override
    public double[] allGather(double[] local) {
        return local.clone();
    }

    @Override
    public void broadcast(double[] values, int root) {
        checkRoot(root);
    }

    @Override
    public void broadcast(byte[] bytes, int root) {
        checkRoot(root);
    }

    private static void checkRoot(int root) {
        if (root != 0) {
            throw new IllegalArgumentException("broadcast from rank " + root + " in a single process");
        }
    }

    @Override
    public void barrier() {
    }

    @Override
    public ProcessGrid grid() {
        return ProcessGrid.single();
    }

    @Override
    public void exchange(int mu, int direction, double[] send, double[] receive) {
        if (direction != 1 && direction != -1) {
            throw new IllegalArgumentException("exchange direction " + direction + " (must be +1 or -1)");
        }
        if (send.length != receive.length) {
            throw new IllegalArgumentException("exchange of " + send.length + " values into " + receive.length);
        }
        System.arraycopy(send, 0, receive, 0, send.length);
    }
}
