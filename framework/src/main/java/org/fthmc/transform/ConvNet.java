package org.fthmc.transform;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.fthmc.dsl.Node;

/**
 * A periodic convolutional network on the lattice: convolution layers with odd kernel size k in every direction
 * (periodic, via shifts), GELU between them, none after the last. Layer l has one weight tensor per kernel offset
 * ({@code out × in}, row-major) and a bias; weights start Glorot-uniform from the seed (times a scale), biases at zero.
 */
public final class ConvNet implements CoefficientNetwork {
    private final int dimensions;
    private final int[] channels;
    private final int kernel;
    private final List<List<Node.Input>> kernels = new ArrayList<>();
    private final List<Node.Input> biases = new ArrayList<>();

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
        this.dimensions = dimensions;
        this.channels = channels.clone();
        this.kernel = kernel;
        Random random = new Random(seed);
        int offsets = (int) Math.pow(kernel, dimensions);
        for (int l = 0; l + 1 < channels.length; l++) {
            int in = channels[l];
            int out = channels[l + 1];
            double a = scale * Math.sqrt(6.0 / (in * offsets + out * offsets));
            List<Node.Input> layer = new ArrayList<>();
            for (int o = 0; o < offsets; o++) {
                Node.Input w = weights.add(prefix + ".conv" + l + ".w" + o, out, in);
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
        int r = kernel / 2;
        for (int l = 0; l < kernels.size(); l++) {
            Node sum = biases.get(l);
            List<Node.Input> layer = kernels.get(l);
            for (int o = 0; o < layer.size(); o++) {
                Node shifted = h;
                int code = o;
                for (int mu = 0; mu < dimensions; mu++) {
                    int k = code % kernel - r;
                    code /= kernel;
                    if (k != 0) {
                        shifted = shifted.shift(mu, k);
                    }
                }
                sum = shifted.dense(layer.get(o), channels[l + 1]).plus(sum);
            }
            h = l + 1 < kernels.size() ? sum.gelu() : sum;
        }
        return h;
    }
}
