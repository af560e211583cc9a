package org.fthmc.run;

import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fthmc.analysis.Estimate;
import org.fthmc.analysis.GammaMethod;

/**
 * The summary of a run (summary.json), computed from measurements.csv: Γ-method estimates of every observable and
 * of the acceptance and e^{−ΔH}, and for a topological charge the tunnelling metric of docs/science.md §5,
 * ΔQ²(δ) and γ(δ) at δ = 16 MD time units ({@link Tunnelling}).
 */
public final class Summary {
    private Summary() {
    }

    /** The summary as a nested map (JSON-ready). */
    public static Map<String, Object> of(MeasurementTable table, List<String> observables, int volume, int steps,
                                         double trajectoryLength, List<double[]> reversibility) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("trajectories", table.rows());
        s.put("streams", table.streams());
        s.put("steps", steps);
        s.put("trajectory_length", trajectoryLength);
        s.put("acceptance", estimate(GammaMethod.analyse(table.column("accepted"))));
        s.put("exp_minus_dH", estimate(GammaMethod.analyse(map(table.column("dH"), x -> Math.exp(-x)))));
        s.put("dH", estimate(GammaMethod.analyse(table.column("dH"))));
        s.put("force_evaluations_per_trajectory", GammaMethod.analyse(table.column("force_evaluations")).mean());
        s.put("seconds_per_trajectory", GammaMethod.analyse(table.column("seconds")).mean());
        Map<String, Object> obs = new LinkedHashMap<>();
        for (String o : observables) {
            obs.put(o, estimate(GammaMethod.analyse(table.column(o))));
        }
        s.put("observables", obs);
        if (table.has("topological_charge")) {
            s.put("tunnelling", tunnelling(table.column("topological_charge"), volume, trajectoryLength));
        }
        if (!reversibility.isEmpty()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("checks", reversibility.size());
            r.put("max_link_distance", reversibility.stream().mapToDouble(a -> a[0]).max().orElse(0));
            r.put("max_abs_dH", reversibility.stream().mapToDouble(a -> a[1]).max().orElse(0));
            s.put("reversibility", r);
        }
        return s;
    }

    static Map<String, Object> tunnelling(List<double[]> q, int volume, double trajectoryLength) {
        Map<String, Object> t = new LinkedHashMap<>();
        int lag = Tunnelling.lag(trajectoryLength);
        Estimate q2Estimate = GammaMethod.analyse(map(q, x -> x * x));
        t.put("q2", estimate(q2Estimate));
        t.put("chi_t", estimate(new Estimate(q2Estimate.mean() / volume, q2Estimate.error() / volume,
                q2Estimate.tauInt(), q2Estimate.tauIntError(), q2Estimate.window())));
        t.put("delta_md", Tunnelling.DELTA_MD);
        t.put("delta_trajectories", lag);
        if (!Tunnelling.enoughData(q, lag)) {
            t.put("note", "too few trajectories per stream for a lag of " + lag);
            return t;
        }
        t.put("dQ2", estimate(Tunnelling.deltaQ2(q, lag)));
        if (Tunnelling.tunnellingBins(q, lag) == 0) {
            t.put("note", "the charge never moved over " + lag + " trajectories: gamma is undefined");
            return t;
        }
        t.put("gamma", estimate(Tunnelling.gamma(q, lag)));
        String warning = Tunnelling.sparseTunnellingWarning(q, lag);
        if (warning != null) {
            t.put("note", warning);
        }
        return t;
    }

    private static List<double[]> map(List<double[]> data, java.util.function.DoubleUnaryOperator f) {
        List<double[]> out = new ArrayList<>();
        for (double[] a : data) {
            double[] b = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                b[i] = f.applyAsDouble(a[i]);
            }
            out.add(b);
        }
        return out;
    }

    /** An estimate as a JSON-ready map: mean, error and, where known, tau_int and its error. */
    static Map<String, Object> estimate(Estimate e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mean", finite(e.mean()));
        m.put("error", finite(e.error()));
        if (!Double.isNaN(e.tauInt())) {
            m.put("tau_int", finite(e.tauInt()));
            m.put("tau_int_error", finite(e.tauIntError()));
        }
        return m;
    }

    private static Object finite(double x) {
        return Double.isFinite(x) ? x : null;
    }

    /** Renders a summary map as indented JSON. */
    public static String json(Map<String, Object> summary) {
        return ConfigValueFactory.fromMap(summary).render(ConfigRenderOptions.concise().setFormatted(true).setJson(true)) + "\n";
    }
}
