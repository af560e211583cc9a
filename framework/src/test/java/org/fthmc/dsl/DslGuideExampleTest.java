package org.fthmc.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.fthmc.lattice.Lattice;
import org.fthmc.parallel.SiteLoops;
import org.junit.jupiter.api.Test;

/** The worked example of docs/dsl.md: it runs, its derivatives agree with finite differences, and the page shows it. */
class DslGuideExampleTest {
    @Test
    void aLatticeActionItsGradientAndAHessianVectorProduct() {
        Lattice lattice = new Lattice(8, 8);
        Input phi = Node.input("phi", Type.FIELD);
        Input v = Node.input("v", Type.FIELD);
        // S = Σ_x [½ Σ_μ (φ(x+μ̂) − φ(x))² + 0.1 φ(x)⁴]
        Node kinetic = phi.shift(0, 1).minus(phi).square().plus(phi.shift(1, 1).minus(phi).square()).times(0.5);
        Node action = kinetic.plus(phi.square().square().times(0.1)).sum();
        Node force = Autodiff.grad(action, phi);                          // ∂S/∂φ(x), a field
        Node hessianV = Autodiff.jvp(force, Map.of(phi, v));              // Σ_y ∂²S/∂φ(x)∂φ(y) v(y), a field
        CompiledGraph graph = CompiledGraph.compile(lattice, SiteLoops.serial(), List.of(action, force, hessianV), List.of(phi, v));

        Random random = new Random(1);
        double[] field = random.doubles(lattice.volume()).map(x -> x - 0.5).toArray();
        double[] direction = random.doubles(lattice.volume()).map(x -> x - 0.5).toArray();
        List<double[]> out = graph.run(field, direction).stream().map(double[]::clone).toList();

        // Check both derivatives along v by central differences of the order below.
        double h = 1e-5;
        double[] plus = field.clone();
        double[] minus = field.clone();
        for (int x = 0; x < field.length; x++) {
            plus[x] += h * direction[x];
            minus[x] -= h * direction[x];
        }
        List<double[]> up = graph.run(plus, direction).stream().map(double[]::clone).toList();
        List<double[]> down = graph.run(minus, direction).stream().map(double[]::clone).toList();
        assertEquals((up.get(0)[0] - down.get(0)[0]) / (2 * h), dot(out.get(1), direction), 1e-7);
        assertEquals((dot(up.get(1), direction) - dot(down.get(1), direction)) / (2 * h), dot(out.get(2), direction), 1e-6);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Test
    void theDslGuideShowsThisExample() throws IOException {
        Path root = Path.of("").toAbsolutePath();
        while (!Files.exists(root.resolve("README.md"))) {
            root = root.getParent();
        }
        String code = Files.readString(root.resolve("framework/src/test/java/org/fthmc/dsl/DslGuideExampleTest.java"));
        int from = code.indexOf("        Lattice lattice = new Lattice(8, 8);");
        String body = code.substring(from, code.indexOf("    private static double dot"));
        assertTrue(Files.readString(root.resolve("docs/dsl.md")).contains(body.stripTrailing()),
                "docs/dsl.md must show the body of DslGuideExampleTest's first test");
    }
}
