package org.fthmc.hmc;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.fthmc.field.LinkField;
import org.fthmc.spi.GaugeAction;

/**
 * An action evaluated as a whole (one pass, e.g. one DSL graph) that also offers its named terms for a
 * multi-time-scale integrator; the terms are built on first use, so runs that never split pay nothing for them.
 * The terms must add up to the whole (the property suite checks it for every registered action).
 */
public final class SplitAction implements GaugeAction {
    private final GaugeAction whole;
    private final List<String> names;
    private final Function<String, GaugeAction> build;
    private Map<String, GaugeAction> terms;

    /** @param names the terms, in order; @param term builds the term of a name */
    public SplitAction(GaugeAction whole, List<String> names, Function<String, GaugeAction> term) {
        this.whole = whole;
        this.names = List.copyOf(names);
        this.build = term;
    }

    @Override
    public double action(LinkField u) {
        return whole.action(u);
    }

    @Override
    public void addForce(LinkField u, double scale, double[] target) {
        whole.addForce(u, scale, target);
    }

    @Override
    public java.util.Optional<ActionGraph> graph() {
        return whole.graph();
    }

    @Override
    public Map<String, GaugeAction> terms() {
        if (terms == null) {
            Map<String, GaugeAction> built = new LinkedHashMap<>();
            names.forEach(name -> built.put(name, build.apply(name)));
            terms = Collections.unmodifiableMap(built);
        }
        return terms;
    }
}
