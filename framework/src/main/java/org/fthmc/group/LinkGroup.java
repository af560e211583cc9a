package org.fthmc.group;

import org.fthmc.rng.RandomKey;

/**
 * A gauge group as the HMC sees it: how one link is stored (a run of doubles), the dimension of its Lie algebra
 * (the number of momentum and force components per link, docs/science.md §1), and the few group operations the
 * generic HMC needs. Implementations are stateless.
 */
public interface LinkGroup {
    /** The name used in configs ({@code lattice.group}). */
    String name();

    /** Doubles stored per link. */
    int storage();

    /** Real components of an algebra element (momentum, force) per link. */
    int algebraDimension();

    /** Sets link {@code link} of {@code links} to the identity. */
    void setIdentity(double[] links, int link);

    /** Sets link {@code link} to a Haar-random element drawn from key at (site, index). */
    void setRandom(double[] links, int link, RandomKey key, int site, int index);

    /** U ← exp(eps P) U for the links in [fromLink, toLink); P has {@link #algebraDimension()} components per link. */
    void evolve(double[] links, double[] momenta, double eps, int fromLink, int toLink);

    /** A distance between two elements, zero iff equal (for reversibility checks). */
    double distance(double[] a, double[] b, int link);

    /** Brings the links in [fromLink, toLink) back to a canonical representation (angle wrap, re-unitarisation). */
    void normalise(double[] links, int fromLink, int toLink);
}
