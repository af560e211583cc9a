package org.fthmc.dsl;

import java.util.BitSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * On which sites each node of a planned graph is computed: where it is read (its <em>need</em>) and where it can be
 * non-zero (its <em>support</em>), so that a masked layer, whose staples, exponential and Jacobian only matter on the
 * sites of one parity, computes them there and not on the whole lattice.
 * <ul>
 *   <li>Support (forward): the sites where a value may be non-zero. Field inputs may be non-zero anywhere, a field
 *   constant where it is; a product of any kind is zero where a factor is, a sum where both terms are; a shift moves
 *   its operand's support, a function with f(0) = 0 keeps it; anything else may be non-zero anywhere. (A factor
 *   that is zero makes the product zero even if the other factor is not finite: the masked value of a NaN is 0.)</li>
 *   <li>Need (backward): outputs are needed on the owned sites, the operand of a sum or maximum too; a node is needed
 *   where its readers read it when they compute (at their own sites, through a shift's or convolution's site tables
 *   at others).</li>
 *   <li>A node of an interpreted step computes on need ∩ support and writes zeros on need \ support (readers read
 *   those sites as the zeros they are). A compiled step computes all its nodes on the union of their needs.</li>
 * </ul>
 * Sites are numbered as the graph stores them ({@link SiteOrder}: a mask's sites together, so such a node runs over
 * a contiguous range). On a block of a distributed lattice the need reaches into the halo exactly as far as shifts read, so the halo
 * sites each node computes follow from the same rule. Sets are kept as shared {@link SiteRuns}; null stands for
 * every stored site where it saves work.
 */
final class ComputedSites {
    private final SiteTables tables;
    private final java.util.function.Function<FieldConstant, double[]> constants;
    private final int n;
    private final Map<Node, BitSet> support = new IdentityHashMap<>();
    private final Map<Node, BitSet> need = new IdentityHashMap<>();
    private final Map<BitSet, SiteRuns> interned = new HashMap<>();
    private final Map<Node, SiteRuns> computes = new IdentityHashMap<>();
    private final Map<Node, SiteRuns> zeroes = new IdentityHashMap<>();
    private final SiteRuns[] stepSites;
    private final BitSet every;

    /**
     * Plans the sites of every node of the steps, on n stored sites numbered as the tables number them.
     *
     * @param owned         the owned sites (where outputs and the operands of sums are needed)
     * @param constants     the values of a field constant in the tables' order
     * @param interpreted   nodes run by their own kernels (the others are in compiled steps, computed as a whole)
     * @param foldedDaggers daggers not computed: their readers read the operand in place
     */
    ComputedSites(int n, SiteTables tables, BitSet owned, java.util.function.Function<FieldConstant, double[]> constants,
                  List<List<Node>> steps, List<Node> outputs, Set<Node> interpreted, Map<Node, Node> foldedDaggers) {
        this.tables = tables;
        this.constants = constants;
        this.n = n;
        this.every = new BitSet(n);
        every.set(0, n);
        for (List<Node> step : steps) {
            for (Node node : step) {
                supportOf(node);
            }
        }
        for (Node o : outputs) {
            if (!o.type().global()) {
                needAt(o, owned);
            }
        }
        stepSites = new SiteRuns[steps.size()];
        for (int s = steps.size() - 1; s >= 0; s--) {
            List<Node> step = steps.get(s);
            if (Schedule.isGlobal(step)) {
                for (Node in : step.getFirst().inputs()) {
                    if (!in.type().global()) {
                        needAt(in, owned); // a sum or maximum over the owned sites
                    }
                }
            } else if (!interpreted.contains(step.getFirst())) {
                BitSet sites = new BitSet(n);
                step.forEach(node -> {
                    BitSet needed = need.remove(node);
                    if (needed != null) {
                        sites.or(needed);
                    }
                });
                stepSites[s] = runs(sites);
                Set<Node> inStep = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
                inStep.addAll(step);
                for (Node node : step) {
                    readsAt(node, sites, inStep);
                }
            } else {
                for (int i = step.size() - 1; i >= 0; i--) {
                    Node node = step.get(i);
                    BitSet needed = need.remove(node); // final now: every reader came before (the reverse order)
                    if (needed == null) {
                        needed = new BitSet();
                    }
                    if (foldedDaggers.containsKey(node)) {
                        needAt(foldedDaggers.get(node), needed); // its readers read the operand where they compute
                        continue;
                    }
                    BitSet support = supportOf(node);
                    BitSet at = needed;
                    if (support != every) {
                        at = (BitSet) needed.clone();
                        at.and(support);
                        BitSet zero = needed;
                        zero.andNot(support);
                        if (!zero.isEmpty()) {
                            zeroes.put(node, runs(zero));
                        }
                    }
                    computes.put(node, runs(at));
                    readsAt(node, at, null);
                }
            }
        }
        support.clear();
        need.clear();
        interned.clear();
    }

    /** The sites an interpreted node computes. */
    SiteRuns computes(Node node) {
        return computes.get(node);
    }

    /** The sites where an interpreted node is read but known to be zero (null if none): its buffer gets zeros there. */
    SiteRuns zeroes(Node node) {
        return zeroes.get(node);
    }

    /** The sites a compiled field step computes. */
    SiteRuns stepSites(int step) {
        return stepSites[step];
    }

    private SiteRuns runs(BitSet sites) {
        return interned.computeIfAbsent(sites, s -> SiteRuns.of(s, n));
    }

    /** Adds sites to where a node is needed (nothing for inputs and constants, which are given everywhere). */
    private void needAt(Node node, BitSet sites) {
        if (node.type().global() || node instanceof Leaf) {
            return;
        }
        need.computeIfAbsent(node, k -> new BitSet(n)).or(sites);
    }

    /**
     * Records where a node computing on {@code sites} reads its field operands (operands in {@code sameStep}, read
     * inside one compiled loop, are computed there on the same sites and need nothing more).
     */
    private void readsAt(Node node, BitSet sites, Set<Node> sameStep) {
        if (sites.isEmpty()) {
            return;
        }
        for (Node in : node.inputs()) {
            if (in.type().global() || (sameStep != null && sameStep.contains(in))) {
                continue;
            }
            if (node instanceof OffsetRead r) {
                needAt(in, mapped(sites, table(r)));
            } else if (node instanceof Conv conv && in == conv.field()) {
                BitSet read = new BitSet(n);
                for (int[] table : tables.offsets(conv)) {
                    read.or(mapped(sites, table));
                }
                needAt(in, read);
            } else {
                needAt(in, sites);
            }
        }
    }

    private int[] table(OffsetRead r) {
        return r instanceof Shift sh ? tables.shift(sh.mu(), sh.k()) : tables.offset(((ShiftBy) r).offset());
    }

    /** {table[x] : x in sites}. */
    private BitSet mapped(BitSet sites, int[] table) {
        BitSet read = new BitSet(n);
        for (int x = sites.nextSetBit(0); x >= 0; x = sites.nextSetBit(x + 1)) {
            read.set(table[x]);
        }
        return read;
    }

    /** {x : table[x] in sites}. */
    private BitSet pulled(BitSet sites, int[] table) {
        if (sites == every) {
            return every;
        }
        BitSet at = new BitSet(n);
        for (int x = 0; x < n; x++) {
            if (sites.get(table[x])) {
                at.set(x);
            }
        }
        return at;
    }

    /** The sites where a field node may be non-zero (see the class comment); {@link #every} when anywhere. */
    private BitSet supportOf(Node node) {
        BitSet known = support.get(node);
        if (known != null) {
            return known;
        }
        BitSet s = switch (node) {
            case FieldConstant c -> nonZeroSites(c);
            case Mul m -> intersection(m.inputs());
            case RealDot d -> intersection(d.inputs());
            case Outer o -> intersection(o.inputs());
            case Dense d -> intersection(d.inputs());
            case DenseT d -> intersection(d.inputs());
            case Add a -> union(supportOf(a.inputs().get(0)), supportOf(a.inputs().get(1)));
            case FromReals f -> f.inputs().stream().map(this::supportOf).reduce(this::union).orElseThrow();
            case Neg x -> supportOf(x.inputs().getFirst());
            case Conj x -> supportOf(x.inputs().getFirst());
            case Dagger x -> supportOf(x.inputs().getFirst());
            case TracelessAntiHermitian x -> supportOf(x.inputs().getFirst());
            case Re x -> supportOf(x.inputs().getFirst());
            case Im x -> supportOf(x.inputs().getFirst());
            case Trace x -> supportOf(x.inputs().getFirst());
            case Component x -> supportOf(x.inputs().getFirst());
            case Element x -> supportOf(x.inputs().getFirst());
            case Apply f -> f.fn().apply(0.0) == 0.0 ? supportOf(f.inputs().getFirst()) : every;
            case OffsetRead r -> pulled(supportOf(r.operand()), table(r));
            case Conv c -> {
                BitSet field = supportOf(c.field());
                BitSet any = new BitSet(n);
                for (int[] table : tables.offsets(c)) {
                    any.or(pulled(field, table));
                }
                yield any.cardinality() == n ? every : any;
            }
            default -> every;
        };
        support.put(node, s);
        return s;
    }

    private BitSet nonZeroSites(FieldConstant c) {
        BitSet s = SiteOrder.nonZeroSites(constants.apply(c), c.type().components(), n);
        return s.cardinality() == n ? every : s;
    }

    /** The support of a product: where every field factor may be non-zero. */
    private BitSet intersection(List<Node> factors) {
        BitSet s = every;
        for (Node f : factors) {
            if (f.type().global()) {
                continue;
            }
            BitSet of = supportOf(f);
            if (of != every) {
                s = (BitSet) (s == every ? of.clone() : s);
                s.and(of);
            }
        }
        return s;
    }

    private BitSet union(BitSet a, BitSet b) {
        if (a == every || b == every) {
            return every;
        }
        BitSet s = (BitSet) a.clone();
        s.or(b);
        return s.cardinality() == n ? every : s;
    }
}
