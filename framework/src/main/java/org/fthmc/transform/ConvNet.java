package org.fthmc.transform;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.fthmc.dsl.Conv;
import org.fthmc.dsl.Input;
import org.fthmc.dsl.Node;
import org.fthmc.spi.CoefficientNetwork;
import org.fthmc.spi.Weights;

/**
 * A periodic convolutional network on the lattice: convolution layers with odd kernel size k in every direction
 * (the DSL's periodic {@link Conv}), GELU between them, none after the last. Layer l has one weight tensor per
 * kernel offset ({@code out × in}, row-major) and a bias; weights start Glorot-uniform from the seed (times a scale),
 * biases at zero.
 */
public final class ConvNet implements CoefficientNetwork {
    private final int[] channels;
    private final int[][] offsets;
    private final List<List<Input>> kernels = new ArrayList<>();
    private final List<Input> biases = new ArrayList<>();

    /**
     * @param prefix   names the weights ({@code prefix.conv<l>.w<offset>}, {@code prefix.conv<l>.b})
     * @param channels the channel counts from input to output, e.g. [3, 4, 4, 2]
     * @param kernel   odd kernel size per direction
     * @param scale    multiplies the Glorot bound of the initial weights (1: Glorot)
     */
    public ConvNet(Weights weights, String prefix, int dimensions, int[] channels, int kernel, long seed, double scale) {
        if (channels.length < 2 || kernel < 1 || kernel % 2 == 0) {
            throw new IllegalArgumentException("a ConvNet needs at least input and output channels and an odd kernel size");
        }
        this.channels = channels.clone();
        this.offsets = offsets(dimensions, kernel);
        Random random = new Random(seed);
        int count = this.offsets.length;
        for (int l = 0; l + 1 < channels.length; l++) {
            int in = channels[l];
            int out = channels[l + 1];
            double a = scale * Math.sqrt(6.0 / (in * count + out * count));
            List<Input> layer = new ArrayList<>();
            for (int o = 0; o < count; o++) {
                Input w = weights.add(prefix + ".conv" + l + ".w" + o, out, in);
                double[] values = weights.get(w.name()).values();
                for (int i = 0; i < values.length; i++) {
                    values[i] = a * (2 * random.nextDouble() - 1);
                }
                layer.add(w);
            }
            kernels.add(layer);
            biases.add(weights.add(prefix + ".conv" + l + ".b", out));
        }
    }

    @Override
    public int inputs() {
        return channels[0];
    }

    @Override
    public int outputs() {
        return channels[channels.length - 1];
    }

    @Override
    public Node apply(Node features) {
        Node h = features;
        for (int l = 0; l < kernels.size(); l++) {
            Node sum = h.conv(kernels.get(l), offsets, channels[l + 1]).plus(biases.get(l));
            h = l + 1 < kernels.size() ? sum.gelu() : sum;
        }
        return h;
    }

    /** The kernel offsets in the order of the weight tensors: offset o has digit (δ_μ + r) of o in base k, μ = 0 first. */
    private static int[][] offsets(int dimensions, int kernel) {
        int r = kernel / 2;
        int count = (int) Math.pow(kernel, dimensions);
        int[][] offsets = new int[count][dimensions];
        for (int o = 0; o < count; o++) {
            int code = o;
            for (int mu = 0; mu < dimensions; mu++) {
                offsets[o][mu] = code % kernel - r;
                code /= kernel;
            }
        }
        return offsets;
    }
}
