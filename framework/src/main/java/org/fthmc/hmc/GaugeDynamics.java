package org.fthmc.hmc;

import java.util.List;
import java.util.Map;
import org.fthmc.field.LinkField;
import org.fthmc.group.LinkGroup;
import org.fthmc.lattice.Lattice;
import org.fthmc.parallel.SiteLoops;
import org.fthmc.rng.RandomKey;
import org.fthmc.spi.GaugeAction;
import org.fthmc.spi.MolecularDynamics;

/**
 * The molecular-dynamics system of HMC on a gauge field: links U, conjugate momenta P (algebra components, one
 * run of {@code algebraDimension} doubles per link), H = ½ Σ p_a² + S[U]. Group-generic; counts force evaluations
 * (a kick of one term of {@link GaugeAction#terms()} counts as one, like a kick of the whole force).
 */
public final class GaugeDynamics implements MolecularDynamics {
    private final LinkField links;
    private final double[] momenta;
    private final GaugeAction action;
    private final Map<String, GaugeAction> terms;
    private final SiteLoops loops;
    private long forceEvaluations;

    public GaugeDynamics(LinkField links, GaugeAction action, SiteLoops loops) {
        this.links = links;
        this.momenta = new double[links.lattice().links() * links.group().algebraDimension()];
        this.action = action;
        this.terms = action.terms();
        this.loops = loops;
    }

    public LinkField links() {
        return links;
    }

    public double[] momenta() {
        return momenta;
    }

    public long forceEvaluations() {
        return forceEvaluations;
    }

    /**
     * Draws p_a ~ N(0, 1) for every link and component: the site's components (direction-major, then algebra
     * index) in pairs, pair j from key (global site, j).
     */
    public void refreshMomenta(RandomKey key) {
        Lattice lattice = links.lattice();
        int perSite = lattice.dimensions() * links.group().algebraDimension();
        loops.forRange(lattice.volume(), (from, to) -> {
            double[] pair = new double[2];
            for (int site = from; site < to; site++) {
                int base = site * perSite;
                for (int j = 0; 2 * j < perSite; j++) {
                    if (2 * j + 1 < perSite) {
                        key.gaussianPair(lattice.globalSite(site), j, momenta, base + 2 * j);
                    } else {
                        key.gaussianPair(lattice.globalSite(site), j, pair, 0);
                        momenta[base + 2 * j] = pair[0];
                    }
                }
            }
        });
    }

    /** Reverses the momenta (for reversibility checks). */
    public void flipMomenta() {
        loops.forRange(momenta.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                momenta[i] = -momenta[i];
            }
        });
    }

    public double kineticEnergy() {
        return 0.5 * links.lattice().sumInOrder(loops.blockSums(momenta.length, (from, to) -> {
            double s = 0;
            for (int i = from; i < to; i++) {
                s += momenta[i] * momenta[i];
            }
            return s;
        }), momenta.length / links.lattice().volume());
    }

    public double hamiltonian() {
        return kineticEnergy() + action.action(links);
    }

    @Override
    public void kick(double eps) {
        action.addForce(links, -eps, momenta);
        forceEvaluations++;
    }

    @Override
    public List<String> forceTerms() {
        return List.copyOf(terms.keySet());
    }

    @Override
    public void kick(String term, double eps) {
        GaugeAction part = terms.get(term);
        if (part == null) {
            throw new IllegalArgumentException("no force term '" + term + "'; terms: " + terms.keySet());
        }
        part.addForce(links, -eps, momenta);
        forceEvaluations++;
    }

    @Override
    public void drift(double eps) {
        LinkGroup group = links.group();
        double[] data = links.data();
        loops.forRange(links.lattice().links(), (from, to) -> group.evolve(data, momenta, eps, from, to));
    }
}
