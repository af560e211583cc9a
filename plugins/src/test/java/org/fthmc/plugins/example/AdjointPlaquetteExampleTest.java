package org.fthmc.plugins.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fthmc.comm.SingleProcessCommunicator;
import org.fthmc.config.Settings;
import org.fthmc.field.LinkField;
import org.fthmc.group.U1;
import org.fthmc.lattice.Lattice;
import org.fthmc.parallel.SiteLoops;
import org.fthmc.plugins.action.U1WilsonAction;
import org.fthmc.spi.GaugeAction;
import org.fthmc.spi.RunContext;
import org.junit.jupiter.api.Test;

/** The worked DSL example of docs/writing-plugins.md: it compiles, its derived force is right, and the page shows this very code. */
class AdjointPlaquetteExampleTest {
    private static final Lattice LATTICE = new Lattice(5, 4, 3);

    private static GaugeAction build(double beta, double gamma) {
        Settings s = Settings.of("action", ConfigFactory.parseString("type = u1-adjoint-plaquette, beta = " + beta + ", gamma = " + gamma));
        return new AdjointPlaquetteActionFactory().create(s,
                new RunContext(LATTICE, U1.INSTANCE, SiteLoops.serial(), SingleProcessCommunicator.INSTANCE));
    }

    @Test
    void derivedForceIsTheDerivativeOfTheAction() {
        GaugeAction s = build(1.1, 0.35);
        LinkField u = LinkField.hot(LATTICE, U1.INSTANCE, 8, 0);
        double[] force = new double[LATTICE.links()];
        s.addForce(u, 1, force);
        double h = 1e-5;
        for (int link = 0; link < LATTICE.links(); link += 7) {
            double saved = u.data()[link];
            u.data()[link] = saved + h;
            double plus = s.action(u);
            u.data()[link] = saved - h;
            double minus = s.action(u);
            u.data()[link] = saved;
            assertEquals((plus - minus) / (2 * h), force[link], 1e-8);
        }
    }

    @Test
    void withoutTheChargeTwoTermItIsTheWilsonAction() {
        LinkField u = LinkField.hot(LATTICE, U1.INSTANCE, 9, 0);
        U1WilsonAction wilson = new U1WilsonAction(1.1,
                new RunContext(LATTICE, U1.INSTANCE, SiteLoops.serial(), SingleProcessCommunicator.INSTANCE));
        assertEquals(wilson.action(u), build(1.1, 0).action(u), 1e-11);
    }

    @Test
    void thePluginGuideShowsThisExample() throws IOException {
        Path root = Path.of("").toAbsolutePath();
        while (!Files.exists(root.resolve("README.md"))) {
            root = root.getParent();
        }
        String readme = Files.readString(root.resolve("docs/writing-plugins.md"));
        String code = Files.readString(root.resolve(
                "plugins/src/test/java/org/fthmc/plugins/example/AdjointPlaquetteActionFactory.java"));
        String body = code.substring(code.indexOf("/** U(1) with a charge-2"));
        assertTrue(readme.contains(body), "docs/writing-plugins.md must show AdjointPlaquetteActionFactory.java from its class doc on");
    }
}
