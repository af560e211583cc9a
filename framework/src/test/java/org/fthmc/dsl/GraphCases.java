package org.fthmc.dsl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.fthmc.gauge.SunDslAction;
import org.fthmc.gauge.SunLoops;
import org.fthmc.group.SUN;
import org.fthmc.lattice.Lattice;
import org.fthmc.rng.Purpose;
import org.fthmc.rng.RandomKey;
import org.fthmc.spi.Weights;
import org.fthmc.transform.ConvNet;

/**
 * Graphs with values to run them on, shared by the tests that compare an executor with the interpreter (the
 * compiled JVM steps, OpenCL): together they use every primitive of the DSL.
 */
public final class GraphCases {
    private GraphCases() {
    }

    /** A graph, its bound inputs and their values. */
    public record Case(Lattice lattice, List<Node> outputs, List<Input> inputs, double[][] values) {
    }

    /** The U(1) angle fields θ_μ. */
    public static List<Input> angles(int d) {
        List<Input> theta = new ArrayList<>();
        for (int mu = 0; mu < d; mu++) {
            theta.add(Node.input("theta" + mu, Type.FIELD));
        }
        return theta;
    }

    /** The 2D U(1) Wilson action β Σ (1 − cos θ_P). */
    public static Node u1Wilson(List<Input> theta, double beta) {
        Node p = theta.get(0).plus(theta.get(1).shift(0, 1)).minus(theta.get(0).shift(1, 1)).minus(theta.get(1));
        return p.cos().negate().plus(1).times(beta).sum();
    }

    /** The U(1) Wilson action on 6×4, its force and the gradient of Σ F². */
    public static Case u1WilsonDerivatives() {
        Lattice lattice = new Lattice(6, 4);
        List<Input> theta = angles(2);
        Node s = u1Wilson(theta, 2.5);
        List<Node> force = Autodiff.grad(s, theta);
        Node forceSquared = force.get(0).square().plus(force.get(1).square()).sum();
        List<Node> outputs = new ArrayList<>(List.of(s));
        outputs.addAll(force);
        outputs.addAll(Autodiff.grad(forceSquared, theta));
        Random r = new Random(1);
        return new Case(lattice, outputs, new ArrayList<>(theta),
                new double[][] {DslTesting.random(r, lattice.volume()), DslTesting.random(r, lattice.volume())});
    }

    /** Random SU(3) links, one array per direction. */
    public static double[][] randomLinks(Lattice lattice, int seed) {
        SUN g = SUN.of(3);
        double[][] links = new double[lattice.dimensions()][lattice.volume() * g.storage()];
        RandomKey key = new RandomKey(seed, 0, 0, Purpose.TEST);
        for (int mu = 0; mu < links.length; mu++) {
            for (int x = 0; x < lattice.volume(); x++) {
                g.setRandom(links[mu], x, key, x, mu);
            }
        }
        return links;
    }

    /** The SU(3) plaquette action on a 4D lattice and its force per direction. */
    public static Case su3WilsonForce(Lattice lattice) {
        List<Input> u = SunDslAction.linkInputs(4, 3);
        Node s = SunLoops.plaquetteDensity(u).sum();
        List<Node> outputs = new ArrayList<>(List.of(s));
        for (Input link : u) {
            outputs.add(Autodiff.leftDerivative(s, link));
        }
        return new Case(lattice, outputs, u, randomLinks(lattice, 7));
    }

    /** The primitives the other cases leave out, each in a small graph, on 4×3. */
    public static Case everyOtherPrimitive() {
        Input m = Node.input("M", Type.matrix(3, false));
        Input f = Node.input("f", Type.FIELD);
        Input w = Node.parameter("w", Type.vector(6, true));
        Input z = Node.input("z", Type.complex(true));
        Node shifted = m.shift(1, -1).shift(0, 2);
        Node inv = m.plus(Node.identity(3).times(3.0)).inverse();
        Node v = Node.stack(List.of(f.exp(), f.log1p(), f.tanh()));
        Node dense = v.dense(w, 2);
        Node back = dense.denseTransposed(w, 3);
        Node outer = back.outer(dense);
        Node expOfTA = m.times(0.5).expTracelessAntiHermitian();
        List<Node> outputs = List.of(
                inv.times(shifted).trace().re(),
                m.logAbsDet(),
                m.conj().dagger().element(1, 2).im(),
                m.times(z).element(0, 1).re().plus(f.atan()).plus(f.plus(2).sqrt()).plus(f.plus(3).recip()).plus(f.plus(2).log()),
                outer.component(4).times(back.dot(back)),
                Node.max(List.of(f.sin(), f.cos())),
                Node.max(List.of(f)).times(f.plus(1)).sum(),
                outer.sum(),
                m.times(m).expm().trace().times(Node.imaginaryUnit()),
                f.gelu().plus(f.swish()),
                z.times(z).conj(),
                m.times(-2.5).plus(m.dagger()).inverse().logAbsDet(),
                expOfTA.times(m).trace().re(),
                Autodiff.vjp(Autodiff.jvp(expOfTA, Map.of(m, shifted)), m.dagger(), List.of(m)).getFirst().trace().im(),
                Node.realMatrix(2, List.of(f, f.sin(), f.cos(), f.times(f))).expTracelessAntiHermitian().trace().re());
        Lattice lattice = new Lattice(4, 3);
        Random r = new Random(3);
        double[] matrices = DslTesting.random(r, lattice.volume() * 18);
        double[] field = DslTesting.random(r, lattice.volume());
        field[5] = 2; // a unique maximum
        return new Case(lattice, outputs, List.of(m, f, w, z),
                new double[][] {matrices, field, DslTesting.random(r, 6), new double[] {0.3, -0.7}});
    }

    /** A CNN of the given channels (3 in, 3×3 kernels) on 6×6, a loss, and its gradient in the features and weights. */
    public static Case convolutionalNetwork(int[] channels) {
        Lattice lattice = new Lattice(6, 6);
        Weights weights = new Weights();
        ConvNet net = new ConvNet(weights, "net", 2, channels, 3, 5, 1.0);
        Input features = Node.input("features", Type.vector(channels[0], false));
        Node y = net.apply(features);
        Node loss = y.dot(y).sum();
        List<Input> inputs = new ArrayList<>(List.of(features));
        inputs.addAll(weights.inputs());
        List<Node> outputs = new ArrayList<>(List.of(y, loss));
        outputs.addAll(Autodiff.grad(loss, inputs));
        List<double[]> values = new ArrayList<>(List.of(DslTesting.random(new Random(4), lattice.volume() * channels[0])));
        values.addAll(weights.values());
        return new Case(lattice, outputs, inputs, values.toArray(double[][]::new));
    }
}
