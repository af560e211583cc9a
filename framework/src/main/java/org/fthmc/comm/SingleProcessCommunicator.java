package org.fthmc.comm;

/** The communicator of a run in one process: every reduction is the identity. */
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
}
