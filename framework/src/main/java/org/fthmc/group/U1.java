package org.fthmc.group;

import org.fthmc.rng.RandomKey;

/** U(1): a link e^{iθ} is stored as its angle θ, the algebra element is iθ̇ with one real component. */
public final class U1 implements LinkGroup {
    public static final U1 INSTANCE = new U1();
    private static final double TWO_PI = 2 * Math.PI;

    private U1() {
    }

    @Override
    public String name() {
        return "u1";
    }

    @Override
    public int storage() {
        return 1;
    }

    @Override
    public int algebraDimension() {
        return 1;
    }

    @Override
    public void setIdentity(double[] links, int link) {
        links[link] = 0;
    }

    @Override
    public void setRandom(double[] links, int link, RandomKey key, int site, int index) {
        links[link] = Math.PI * (2 * key.uniform(site, index) - 1);
    }

    @Override
    public void evolve(double[] links, double[] momenta, double eps, int fromLink, int toLink) {
        for (int l = fromLink; l < toLink; l++) {
            links[l] += eps * momenta[l];
        }
    }

    @Override
    public double distance(double[] a, double[] b, int link) {
        return Math.abs(wrap(a[link] - b[link]));
    }

    @Override
    public void normalise(double[] links, int fromLink, int toLink) {
        for (int l = fromLink; l < toLink; l++) {
            links[l] = wrap(links[l]);
        }
    }

    /** The angle brought into (−π, π]. */
    public static double wrap(double theta) {
        double w = theta - TWO_PI * Math.floor((theta + Math.PI) / TWO_PI);
        return w == -Math.PI ? Math.PI : w;
    }
}
