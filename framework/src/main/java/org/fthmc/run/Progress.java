package org.fthmc.run;

import java.io.PrintStream;
import java.time.Duration;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Reports a run's progress: a progress bar with ETA and running acceptance on a terminal, plain lines (every 10%)
 * otherwise, or nothing.
 */
public interface Progress extends AutoCloseable {
    /** Called after each trajectory of every stream; done counts trajectories over all streams. */
    void update(long done, double acceptance);

    @Override
    void close();

    /** Chooses by mode: auto (bar on a terminal, lines otherwise), bar, lines or none. */
    static Progress create(String mode, String task, long total, long initial, PrintStream err) {
        boolean terminal = System.console() != null && System.console().isTerminal();
        return switch (mode) {
            case "none" -> new Progress() {
                @Override
                public void update(long done, double acceptance) {
                }

                @Override
                public void close() {
                }
            };
            case "bar" -> bar(task, total, initial);
            case "lines" -> new Lines(task, total, initial, err);
            default -> terminal ? bar(task, total, initial) : new Lines(task, total, initial, err);
        };
    }

    private static Progress bar(String task, long total, long initial) {
        ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).startsFrom(initial, Duration.ZERO)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).build();
        return new Progress() {
            @Override
            public void update(long done, double acceptance) {
                bar.stepTo(done);
                bar.setExtraMessage(String.format(" acc %.3f", acceptance));
            }

            @Override
            public void close() {
                bar.close();
            }
        };
    }

    /** Plain progress lines for logs and pipes. */
    final class Lines implements Progress {
        private final String task;
        private final long total;
        private final PrintStream err;
        private final long startNanos = System.nanoTime();
        private final long initial;
        private long nextReport;

        Lines(String task, long total, long initial, PrintStream err) {
            this.task = task;
            this.total = total;
            this.initial = initial;
            this.err = err;
            this.nextReport = initial + Math.max(1, total / 10);
        }

        @Override
        public void update(long done, double acceptance) {
            if (done < nextReport && done < total) {
                return;
            }
            nextReport = done + Math.max(1, total / 10);
            double elapsed = (System.nanoTime() - startNanos) / 1e9;
            double eta = done > initial ? elapsed / (done - initial) * (total - done) : Double.NaN;
            err.printf("%s: %d/%d (%.0f%%), acceptance %.3f, ETA %.0f s%n", task, done, total, 100.0 * done / total, acceptance, eta);
        }

        @Override
        public void close() {
        }
    }
}
