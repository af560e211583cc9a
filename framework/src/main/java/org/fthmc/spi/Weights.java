package org.fthmc.spi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fthmc.dsl.Input;
import org.fthmc.dsl.Node;
import org.fthmc.dsl.Type;

/**
 * The trainable state of a transform: named weight tensors in a fixed order, each bound to a DSL parameter input
 * (a global vector) that the transform's graphs read. Values change in place (training, loading); the graphs read
 * them on every evaluation, so nothing is recompiled.
 */
public final class Weights {
    /** One tensor: its name, its shape, its values (row-major, length = product of the shape) and its graph input. */
    public record Tensor(String name, int[] shape, double[] values, Input input) {
        public int size() {
            return values.length;
        }
    }

    private final Map<String, Tensor> tensors = new LinkedHashMap<>();

    /** Adds a tensor of the given shape (zeros) and returns its parameter input; names must be unique. */
    public Input add(String name, int... shape) {
        if (tensors.containsKey(name)) {
            throw new IllegalArgumentException("weight '" + name + "' defined twice");
        }
        int size = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        Input input = Node.parameter(name, Type.vector(size, true));
        tensors.put(name, new Tensor(name, shape.clone(), new double[size], input));
        return input;
    }

    public List<Tensor> tensors() {
        return Collections.unmodifiableList(new ArrayList<>(tensors.values()));
    }

    public Tensor get(String name) {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no weight '" + name + "'");
        }
        return t;
    }

    /** The total number of weights. */
    public int count() {
        return tensors.values().stream().mapToInt(Tensor::size).sum();
    }

    /** The parameter inputs, in order. */
    public List<Input> inputs() {
        return tensors.values().stream().map(Tensor::input).toList();
    }

    /** The current values, in the order of {@link #inputs()} (the arrays themselves, not copies). */
    public List<double[]> values() {
        return tensors.values().stream().map(Tensor::values).toList();
    }
}
