package org.fthmc.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fthmc.ConfigError;
import org.fthmc.analysis.Estimate;
import org.fthmc.analysis.GammaMethod;

/**
 * Gains of samplers over a baseline in the integrated autocorrelation time of one measured observable (the flowed
 * charge or t²E in 4D, where the tunnelling metric of {@link SamplerComparison} does not apply): a sampler's cost per
 * independent measurement is 2τ_int trajectories, so its gain per trajectory is τ_int,base / τ_int, and per force
 * evaluation and per second that ratio times the baseline's over the sampler's forces and seconds per trajectory.
 * τ_int and its error come from the Γ-method over the pooled streams (Wolff's automatic window); the errors of the two
 * τ_int are combined in quadrature (the ensembles are independent); force counts and mean seconds per trajectory are
 * taken as exact (compare runs timed side by side with the same thread count). Ensembles compared must share
 * lattice, action and trajectory length.
 */
public final class AutocorrelationComparison {
    /** One ensemble's Γ-method estimate of the observable (mean, error, τ_int in trajectories, its error). */
    public record Row(Ensemble ensemble, Estimate estimate) {
    }

    private final Row baseline;
    private final List<Row> others;

    private AutocorrelationComparison(Row baseline, List<Row> others) {
        this.baseline = baseline;
        this.others = List.copyOf(others);
    }

    /** Compares {@code others} with {@code baseline} in the column the ensembles were read with. */
    public static AutocorrelationComparison of(Ensemble baseline, List<Ensemble> others) {
        List<Row> rows = new ArrayList<>();
        for (Ensemble e : others) {
            SamplerComparison.checkSameTheory(baseline, e);
            if (!e.column().equals(baseline.column())) {
                throw new IllegalArgumentException("ensembles read with columns " + baseline.column() + " and " + e.column());
            }
            rows.add(row(e));
        }
        Row base = row(baseline);
        if (!(base.estimate().error() > 0)) {
            throw new ConfigError(baseline.dirs().get(0) + ": " + baseline.column()
                    + " never changed in the baseline: its autocorrelation time is undefined");
        }
        return new AutocorrelationComparison(base, rows);
    }

    public Row baseline() {
        return baseline;
    }

    public List<Row> others() {
        return others;
    }

    /** The gains of an ensemble's row over the baseline. */
    public SamplerComparison.Gains gains(Row row) {
        Estimate b = baseline.estimate();
        Estimate r = row.estimate();
        double ratio = b.tauInt() / r.tauInt();
        double relative = Math.hypot(b.tauIntError() / b.tauInt(), r.tauIntError() / r.tauInt());
        return SamplerComparison.gains(ratio, relative, baseline.ensemble(), row.ensemble());
    }

    /** The comparison as a nested map (JSON-ready). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("observable", baseline.ensemble().column());
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
        return new Row(e, GammaMethod.analyse(e.series()));
    }

    private static Map<String, Object> describe(Row r) {
        Map<String, Object> d = SamplerComparison.describe(r.ensemble());
        d.put(r.ensemble().column(), Summary.estimate(r.estimate()));
        return d;
    }
}
