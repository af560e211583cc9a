package org.fthmc.plugins.observable;

import java.util.function.DoubleUnaryOperator;
import org.fthmc.field.LinkField;
import org.fthmc.lattice.Lattice;
import org.fthmc.plugins.action.U1WilsonAction;
import org.fthmc.spi.RunContext;

/**
 * Sums of a function of the U(1) plaquette angle over all sites and planes μ < ν (deterministic, any threads; on
 * slabs of a distributed lattice, the one-process sum).
 */
final class U1Plaquettes {
    private U1Plaquettes() {
    }

    static double sum(LinkField u, RunContext context, DoubleUnaryOperator f) {
        Lattice lattice = u.lattice();
        int d = lattice.dimensions();
        u.exchangeHalos();
        double[] theta = u.data();
        double[] sums = context.loops().blockSums(lattice.volume(), (from, to) -> {
            double s = 0;
            for (int x = from; x < to; x++) {
                for (int mu = 0; mu < d; mu++) {
                    for (int nu = mu + 1; nu < d; nu++) {
                        s += f.applyAsDouble(U1WilsonAction.plaquetteAngle(theta, lattice, x, mu, nu));
                    }
                }
            }
            return s;
        });
        return lattice.sumInOrder(sums, 1);
    }

    static double count(Lattice lattice) {
        int d = lattice.dimensions();
        return lattice.globalVolume() * d * (d - 1) / 2.0;
    }
}
