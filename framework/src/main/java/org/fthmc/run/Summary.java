package org.fthmc.run;

import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fthmc.analysis.Estimate;
import org.fthmc.analysis.GammaMethod;
import org.fthmc.analysis.Jackknife;

/**
 * The summary of a run (summary.json), computed from measurements.csv: Γ-method estimates of every observable and
 * of the acceptance and e^{−ΔH}, and for a topological charge the tunnelling metric of SCIENCE.md §5,
 * ΔQ²(δ) = ⟨(Q_{t+δ} − Q_t)²⟩ and γ(δ) = 2 V χ_t / ΔQ²(δ) at δ = 16 MD time units (binned jackknife errors).
 */
public final class Summary {
    /** The MD-time separation of the tunnelling metric. */
    public static final double TUNNELLING_DELTA = 16;
    private static final int JACKKNIFE_BINS = 20;

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
        int lag = (int) Math.max(1, Math.round(TUNNELLING_DELTA / trajectoryLength));
        List<double[]> q2 = map(q, x -> x * x);
        Estimate q2Estimate = GammaMethod.analyse(q2);
        t.put("q2", estimate(q2Estimate));
        t.put("chi_t", estimate(new Estimate(q2Estimate.mean() / volume, q2Estimate.error() / volume,
                q2Estimate.tauInt(), q2Estimate.tauIntError(), q2Estimate.window())));
        t.put("delta_md", TUNNELLING_DELTA);
        t.put("delta_trajectories", lag);
        int shortest = q.stream().mapToInt(a -> a.length).min().orElse(0);
        if (shortest <= lag + JACKKNIFE_BINS) {
            t.put("note", "too few trajectories per stream for a lag of " + lag);
            return t;
        }
        Estimate dq2 = Jackknife.estimate(q, JACKKNIFE_BINS, sample -> deltaQ2(q, lag, sample));
        Estimate gamma = Jackknife.estimate(q, JACKKNIFE_BINS, sample -> {
            double sum = 0;
            int n = 0;
            for (int r = 0; r < q.size(); r++) {
                for (int i = 0; i < q.get(r).length; i++) {
                    if (sample.keeps(r, i)) {
                        sum += q.get(r)[i] * q.get(r)[i];
                        n++;
                    }
                }
            }
            return 2 * (sum / n) / deltaQ2(q, lag, sample);
        });
        t.put("dQ2", estimate(dq2));
        t.put("gamma", estimate(gamma));
        return t;
    }

    private static double deltaQ2(List<double[]> q, int lag, Jackknife.Sample sample) {
        double sum = 0;
        int n = 0;
        for (int r = 0; r < q.size(); r++) {
            double[] a = q.get(r);
            for (int i = 0; i + lag < a.length; i++) {
                if (sample.keeps(r, i) && sample.keeps(r, i + lag)) {
                    double d = a[i + lag] - a[i];
                    sum += d * d;
                    n++;
                }
            }
        }
        return sum / n;
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

    private static Map<String, Object> estimate(Estimate e) {
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
