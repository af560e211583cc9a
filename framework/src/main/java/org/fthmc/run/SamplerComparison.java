package org.fthmc.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fthmc.analysis.Estimate;
import org.fthmc.ConfigError;

/**
 * Gains of samplers over a baseline in the tunnelling metric γ(16) of docs/science.md §5, per trajectory, per force
 * evaluation and per wall-clock second (the three figures the NTHMC comparison asks for).
 * <p>
 * Every sampler samples the same theory (a field transformation leaves the measure exact), so χ_t is common to all
 * of them; the gain in γ(16) = 2Vχ_t/ΔQ²(16) is therefore taken at that common χ_t, i.e. as the ratio
 * ΔQ²_run(16)/ΔQ²_base(16), which keeps the slow, noisy ⟨Q²⟩ of a frozen sampler out of the gain. Each ensemble's
 * own γ(16) (with its own ⟨Q²⟩) is reported beside it. Errors: binned jackknife per ensemble, combined in quadrature
 * (the ensembles are independent); force counts are exact and mean seconds per trajectory are taken as exact
 * (timing noise is not a statistical error; compare runs made side by side with the same thread count).
 * Ensembles compared must share lattice, action and trajectory length.
 */
public final class SamplerComparison {
    /** The keys that must agree between the baseline and every compared ensemble. */
    public static final List<String> SAME_THEORY_KEYS = List.of("lattice.dims", "lattice.group", "action",
            "integrator.trajectory-length");

    /** One ensemble's tunnelling figures; {@code warning} is null unless it tunnelled too little for reliable errors. */
    public record Row(Ensemble ensemble, Estimate deltaQ2, Estimate gamma, String warning) {
    }

    /** Gains of one ensemble over the baseline, each with its error. */
    public record Gains(Estimate perTrajectory, Estimate perForceEvaluation, Estimate perSecond) {
        /** The gains as a nested map (JSON-ready). */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("per_trajectory", Summary.estimate(perTrajectory));
            m.put("per_force_evaluation", Summary.estimate(perForceEvaluation));
            m.put("per_second", Summary.estimate(perSecond));
            return m;
        }
    }

    private final Row baseline;
    private final List<Row> others;

    private SamplerComparison(Row baseline, List<Row> others) {
        this.baseline = baseline;
        this.others = List.copyOf(others);
    }

    /** Compares {@code others} with {@code baseline}; a mismatch of theory or too short a history is a {@link ConfigError}. */
    public static SamplerComparison of(Ensemble baseline, List<Ensemble> others) {
        List<Row> rows = new ArrayList<>();
        for (Ensemble e : others) {
            checkSameTheory(baseline, e);
            rows.add(row(e));
        }
        Row base = row(baseline);
        if (!(base.deltaQ2().mean() > 0)) {
            throw new ConfigError(baseline.dirs().get(0) + ": the baseline's topological charge never changed over "
                    + Tunnelling.DELTA_MD + " MD time units; no gain over it can be measured (run it longer)");
        }
        return new SamplerComparison(base, rows);
    }

    /** Refuses to compare an ensemble with a baseline of another theory (a key of {@link #SAME_THEORY_KEYS} differs). */
    static void checkSameTheory(Ensemble baseline, Ensemble e) {
        for (String key : SAME_THEORY_KEYS) {
            if (Ensemble.firstDifference(baseline.config().withOnlyPath(key), e.config().withOnlyPath(key)) != null) {
                throw new ConfigError(e.dirs().get(0) + ": '" + key + "' differs from the baseline " + baseline.dirs().get(0)
                        + " (gains compare samplers of one theory)");
            }
        }
    }

    /**
     * The gains of a sampler whose cost per independent measurement is {@code ratio} times smaller than the
     * baseline's per trajectory, with that ratio's relative error: per force evaluation and per second it is scaled
     * by the baseline's over the sampler's forces and seconds per trajectory.
     */
    static Gains gains(double ratio, double relativeError, Ensemble baseline, Ensemble e) {
        double perForce = ratio * baseline.forcesPerTrajectory() / e.forcesPerTrajectory();
        double perSecond = ratio * baseline.secondsPerTrajectory() / e.secondsPerTrajectory();
        return new Gains(gain(ratio, relativeError), gain(perForce, relativeError), gain(perSecond, relativeError));
    }

    public Row baseline() {
        return baseline;
    }

    public List<Row> others() {
        return others;
    }

    /** The gains of an ensemble's row over the baseline. */
    public Gains gains(Row row) {
        double ratio = row.deltaQ2().mean() / baseline.deltaQ2().mean();
        double relative = Math.hypot(row.deltaQ2().error() / row.deltaQ2().mean(),
                baseline.deltaQ2().error() / baseline.deltaQ2().mean());
        return gains(ratio, relative, baseline.ensemble(), row.ensemble());
    }

    /** The comparison as a nested map (JSON-ready). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("delta_md", Tunnelling.DELTA_MD);
        m.put("baseline", describe(baseline));
        List<Object> list = new ArrayList<>();
        for (Row r : others) {
            Map<String, Object> d = describe(r);
            d.put("gains", gains(r).toMap());
            list.add(d);
        }
        m.put("ensembles", list);
        return m;
    }

    private static Row row(Ensemble e) {
        int lag = Tunnelling.lag(e.trajectoryLength());
        if (!Tunnelling.enoughData(e.series(), lag)) {
            throw new ConfigError(e.dirs().get(0) + ": too few trajectories per stream for the tunnelling metric (a lag of "
                    + lag + " trajectories and " + Tunnelling.BINS + " jackknife bins)");
        }
        return new Row(e, Tunnelling.deltaQ2(e.series(), lag), Tunnelling.gamma(e.series(), lag),
                Tunnelling.sparseTunnellingWarning(e.series(), lag));
    }

    private static Map<String, Object> describe(Row r) {
        Map<String, Object> d = describe(r.ensemble());
        d.put("dQ2", Summary.estimate(r.deltaQ2()));
        d.put("gamma", Summary.estimate(r.gamma()));
        if (r.warning() != null) {
            d.put("note", r.warning());
        }
        return d;
    }

    /** What a comparison reports of an ensemble's sampler and cost (JSON-ready). */
    static Map<String, Object> describe(Ensemble e) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("dirs", e.dirs().stream().map(Object::toString).toList());
        d.put("transform", e.transform());
        d.put("trajectories", e.trajectories());
        d.put("replicas", e.series().size());
        d.put("threads", e.threads());
        d.put("acceptance", e.acceptance());
        d.put("force_evaluations_per_trajectory", e.forcesPerTrajectory());
        d.put("seconds_per_trajectory", e.secondsPerTrajectory());
        return d;
    }

    private static Estimate gain(double value, double relativeError) {
        return new Estimate(value, value * relativeError, Double.NaN, Double.NaN, 0);
    }
}
