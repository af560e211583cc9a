package org.fthmc.transform;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.fthmc.dsl.DeviceArray;
import org.fthmc.dsl.GraphExecutable;
import org.fthmc.dsl.Input;
import org.fthmc.dsl.Node;
import org.fthmc.dsl.Tape;

/**
 * One layer of a {@link LayerChain} compiled for the run's backend: its forward graph with its ln|det| sum, the one
 * without (for the force's sweep and the inverse), its pull-back, and what the layer keeps from a forward sweep for
 * the pull-back that follows (when taped, the primal values the pull-back reads; see {@link Tape}). Directions the
 * layer leaves unchanged are neither computed nor output: the chain's boundary after the layer shares their arrays.
 */
final class CompiledLayer {
    /** W → the changed links, the ln|det| sum (and, taped, the records). */
    private final GraphExecutable withLogJacobian;
    /** W → the changed links (and, taped, the records). */
    private final GraphExecutable linksOnly;
    /** (W, G, and, taped, the records) → the cotangent at W, per direction. */
    private final GraphExecutable pullBack;
    private final boolean[] unchanged;
    /** The records of the last forward sweep (none when the chain is not taped). */
    private final DeviceArray[] tape;
    /** The layer's ln|det| sum of the last sweep that computed it. */
    private final DeviceArray logJacobian;

    /**
     * @param split    the layer's primal outputs (links per direction, then the ln|det| sum) and pull-back, split
     * @param pull     the pull-back built on the primal, for an untaped chain
     * @param w        the layer's link inputs; {@code g} the cotangent inputs
     * @param compile  compiles outputs from inputs (the chain adds the weights to the inputs)
     * @param allocate a backend array for a node's values on the lattice
     */
    CompiledLayer(Tape.Split split, List<Node> pull, List<Input> w, List<Input> g, boolean taped,
                  BiFunction<List<Node>, List<Input>, GraphExecutable> compile, Function<Node, DeviceArray> allocate) {
        int d = w.size();
        unchanged = new boolean[d];
        List<Node> links = new ArrayList<>();
        for (int mu = 0; mu < d; mu++) {
            unchanged[mu] = split.primal().get(mu) == w.get(mu);
            if (!unchanged[mu]) {
                links.add(split.primal().get(mu));
            }
        }
        List<Node> withSum = new ArrayList<>(links);
        withSum.add(split.primal().get(d));
        List<Node> recorded = taped ? split.recorded() : List.of();
        withLogJacobian = compile.apply(concat(withSum, recorded), w);
        linksOnly = compile.apply(concat(links, recorded), w);
        List<Input> in = new ArrayList<>(w);
        in.addAll(g);
        if (taped) {
            in.addAll(split.inputs());
        }
        pullBack = compile.apply(taped ? split.derivative() : pull, in);
        tape = recorded.stream().map(allocate).toArray(DeviceArray[]::new);
        logJacobian = allocate.apply(split.primal().get(d));
    }

    private static List<Node> concat(List<Node> a, List<Node> b) {
        List<Node> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** Whether the layer leaves the links of direction μ as they are. */
    boolean unchanged(int mu) {
        return unchanged[mu];
    }

    /** out ← the layer applied to in (the changed directions; with its ln|det| sum if asked), recording the tape. */
    void forward(DeviceArray[] in, DeviceArray[] out, DeviceArray[] weights, boolean withSum) {
        List<DeviceArray> outputs = changed(out);
        if (withSum) {
            outputs.add(logJacobian);
        }
        outputs.addAll(List.of(tape));
        List<DeviceArray> inputs = new ArrayList<>(List.of(in));
        inputs.addAll(List.of(weights));
        (withSum ? withLogJacobian : linksOnly).run(inputs, outputs);
    }

    /** The ln|det| sum of the last forward sweep that computed it. */
    double logJacobian() {
        double[] value = new double[1];
        logJacobian.read(value);
        return value[0];
    }

    /** to ← the cotangent at the layer's input w of the cotangent {@code from} at its output (after a forward sweep). */
    void pullBack(DeviceArray[] w, DeviceArray[] from, DeviceArray[] to, DeviceArray[] weights) {
        List<DeviceArray> inputs = new ArrayList<>(List.of(w));
        inputs.addAll(List.of(from));
        inputs.addAll(List.of(tape));
        inputs.addAll(List.of(weights));
        pullBack.run(inputs, List.of(to));
    }

    /** The layer's output links per direction at the host links x (the inverse's fixed point); values: x, weights. */
    List<double[]> links(double[][] x, double[][] values) {
        List<double[]> computed = linksOnly.run(values);
        List<double[]> links = new ArrayList<>();
        int next = 0;
        for (int mu = 0; mu < x.length; mu++) {
            links.add(unchanged[mu] ? x[mu] : computed.get(next++));
        }
        return links;
    }

    /** The arrays of the directions the layer changes, of one link field. */
    private List<DeviceArray> changed(DeviceArray[] field) {
        List<DeviceArray> out = new ArrayList<>();
        for (int mu = 0; mu < field.length; mu++) {
            if (!unchanged[mu]) {
                out.add(field[mu]);
            }
        }
        return out;
    }
}
