package org.fthmc.dsl;

/**
 * The loop computing one node on some sites: the sites {@code from} to {@code to} − 1 themselves when {@code sites}
 * is null, else the sites listed in {@code sites[from]} to {@code sites[to − 1]} (a masked node's parity, see
 * {@link ComputedSites}).
 */
@FunctionalInterface
interface SiteKernel {
    void run(int[] sites, int from, int to);
}
