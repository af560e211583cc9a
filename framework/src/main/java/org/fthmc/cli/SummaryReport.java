package org.fthmc.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/** Prints the headline numbers of a run's summary, with exact values and their distance in standard errors. */
final class SummaryReport {
    private final PrintStream out;

    SummaryReport(PrintStream out) {
        this.out = out;
    }

    @SuppressWarnings("unchecked")
    void print(Map<String, Object> summary, Path dir) {
        out.println("run directory: " + dir);
        out.printf("trajectories: %s over %s stream(s), %s steps, acceptance %s, <exp(-dH)> %s%n",
                summary.get("trajectories"), summary.get("streams"), summary.get("steps"),
                value((Map<String, Object>) summary.get("acceptance")), value((Map<String, Object>) summary.get("exp_minus_dH")));
        Map<String, Double> exact = (Map<String, Double>) summary.getOrDefault("exact", Map.of());
        Map<String, Object> observables = (Map<String, Object>) summary.get("observables");
        for (var e : observables.entrySet()) {
            line(e.getKey(), (Map<String, Object>) e.getValue(), exact.get(e.getKey()));
        }
        Map<String, Object> tunnelling = (Map<String, Object>) summary.get("tunnelling");
        if (tunnelling != null) {
            line("<Q^2>", (Map<String, Object>) tunnelling.get("q2"), exact.get("q2"));
            if (tunnelling.containsKey("gamma")) {
                out.printf("%-20s %s  (delta = %s MD units)%n", "gamma(delta)",
                        value((Map<String, Object>) tunnelling.get("gamma")), tunnelling.get("delta_md"));
            }
            if (tunnelling.containsKey("note")) {
                out.println("note: " + tunnelling.get("note"));
            }
        }
    }

    private void line(String name, Map<String, Object> estimate, Double exact) {
        String text = String.format("%-20s %s", name, value(estimate));
        if (estimate.get("tau_int") != null) {
            text += String.format("  tau_int %.2f", (Double) estimate.get("tau_int"));
        }
        if (exact != null) {
            Double mean = (Double) estimate.get("mean");
            Double error = (Double) estimate.get("error");
            text += String.format("  exact %.7f", exact);
            if (mean != null && error != null && error > 1e-12 * Math.max(1, Math.abs(mean))) {
                text += String.format(" (%+.1f sigma)", (mean - exact) / error);
            }
        }
        out.println(text);
    }

    private static String value(Map<String, Object> estimate) {
        Object mean = estimate.get("mean");
        Object error = estimate.get("error");
        if (mean == null) {
            return "n/a";
        }
        return error == null ? String.format("%.6f", (Double) mean) : String.format("%.6f +- %.6f", (Double) mean, (Double) error);
    }
}
