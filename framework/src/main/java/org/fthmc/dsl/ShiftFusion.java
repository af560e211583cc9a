package org.fthmc.dsl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fewer steps for executors that pay per step (an accelerator pays a kernel launch): a computed field read at other
 * sites — through a shift, or as the operand of a convolution — starts a new step ({@link Schedule}); where the
 * value is cheap to compute, this rewrite computes it at the sites that read it instead, so the reader joins the
 * producer's step. Shifts are pushed down through per-site nodes to stored values (read there at an offset, which
 * costs no step); a shifted convolution becomes the same convolution at moved offsets; a convolution of a cheap field
 * becomes its taps (a dense layer of the field computed at each offset). The result is the same function: values
 * agree with the unfused graph to rounding (the taps of an expanded convolution are summed in another order).
 *
 * <p>What is cheap is bounded by a budget of estimated operations per site (a dense layer's weights, a convolution's
 * weights times its offsets, one per component elsewhere): a shift is pushed when computing its operand again costs
 * at most the budget, a convolution is expanded when all its taps together do. A budget of 0 changes nothing.
 */
public final class ShiftFusion {
    private final int budget;
    /** Estimated per-site cost of computing a node again at another site (saturates above the budget). */
    private final Map<Node, Long> cost = new IdentityHashMap<>();
    private final Map<Node, Node> rewritten = new IdentityHashMap<>();
    private final Map<Node, Map<Offset, Node>> moved = new IdentityHashMap<>();

    private ShiftFusion(int budget) {
        this.budget = budget;
    }

    /** The outputs rebuilt with cheap shifted values computed where they are read (same order, same meaning). */
    public static List<Node> rewrite(List<Node> outputs, int budget) {
        if (budget <= 0) {
            return outputs;
        }
        ShiftFusion f = new ShiftFusion(budget);
        for (Node n : Graphs.topologicalOrder(outputs)) {
            f.cost.put(n, f.ownCost(n));
        }
        return outputs.stream().map(f::rewrite).toList();
    }

    /** A lattice offset δ, the key of a value computed at x + δ. */
    private record Offset(int[] d) {
        static final Offset ZERO = new Offset(new int[0]);

        @Override
        public boolean equals(Object o) {
            return o instanceof Offset other && Arrays.equals(trimmed(), other.trimmed());
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(trimmed());
        }

        private int[] trimmed() {
            int n = d.length;
            while (n > 0 && d[n - 1] == 0) {
                n--;
            }
            return Arrays.copyOf(d, n);
        }

        boolean zero() {
            return trimmed().length == 0;
        }

        Offset plus(int[] step) {
            int[] e = Arrays.copyOf(d, Math.max(d.length, step.length));
            for (int mu = 0; mu < step.length; mu++) {
                e[mu] += step[mu];
            }
            return new Offset(e);
        }
    }

    private static boolean stored(Node n) {
        return n instanceof Input || n instanceof FieldConstant;
    }

    /**
     * What computing n again at another site costs, its operands included: 0 for stored values and globals (read
     * there), the convolution's own work for a convolution (its field stays stored), else n's work plus its
     * operands'. Saturates at budget + 1.
     */
    private long ownCost(Node n) {
        if (stored(n) || n.type().global() || n instanceof Constant) {
            return 0;
        }
        if (n instanceof Conv c) {
            return cap((long) c.offsets().length * c.rows() * c.cols());
        }
        long total = switch (n) {
            case Dense d -> d.inputs().getFirst().type().components();
            case DenseT d -> d.inputs().getFirst().type().components();
            case Mul m when m.type().kind() == Type.Kind.MATRIX -> (long) m.type().components() * m.type().n();
            default -> Math.max(1, n.type().components());
        };
        for (Node in : n.inputs()) {
            total += cost.get(in);
        }
        return cap(total);
    }

    private long cap(long c) {
        return Math.min(c, budget + 1L);
    }

    private boolean cheap(Node n, long times) {
        return cost.get(n) * times <= budget;
    }

    /** n with its reads of cheap shifted values fused. */
    private Node rewrite(Node n) {
        Node done = rewritten.get(n);
        if (done != null) {
            return done;
        }
        Node result;
        if (n instanceof OffsetRead) {
            Offset offset = Offset.ZERO;
            Node base = n;
            while (base instanceof OffsetRead read) {
                offset = offset.plus(read.displacement());
                base = read.operand();
            }
            result = !stored(base) && cheap(base, 1) ? at(base, offset) : read(rewrite(base), offset);
        } else if (n instanceof Conv c && !stored(c.field()) && cheap(c.field(), c.offsets().length)) {
            result = taps(c, Offset.ZERO);
        } else {
            List<Node> in = n.inputs().stream().map(this::rewrite).toList();
            result = in.equals(n.inputs()) ? n : n.rebuild(in);
        }
        rewritten.put(n, result);
        return result;
    }

    /** n's value at x + offset, computed there (n is cheap, or a convolution moved to new offsets). */
    private Node at(Node n, Offset offset) {
        if (offset.zero() || n.type().global() || n instanceof Constant || n instanceof Broadcast) {
            return rewrite(n);
        }
        if (stored(n)) {
            return read(n, offset);
        }
        Map<Offset, Node> byOffset = moved.computeIfAbsent(n, k -> new HashMap<>());
        Node done = byOffset.get(offset);
        if (done != null) {
            return done;
        }
        Node result;
        if (n instanceof OffsetRead read) {
            result = at(read.operand(), offset.plus(read.displacement()));
        } else if (n instanceof Conv c) {
            result = stored(c.field()) || !cheap(c.field(), c.offsets().length)
                    ? movedConv(c, rewrite(c.field()), offset) : taps(c, offset);
        } else {
            List<Node> in = new ArrayList<>();
            for (Node i : n.inputs()) {
                in.add(at(i, offset));
            }
            result = n.rebuild(in);
        }
        byOffset.put(offset, result);
        return result;
    }

    /** The convolution c of field h, every offset moved by offset. */
    private Node movedConv(Conv c, Node h, Offset offset) {
        int[][] offsets = c.offsets();
        for (int o = 0; o < offsets.length; o++) {
            offsets[o] = Arrays.copyOf(new Offset(offsets[o]).plus(offset.d()).d(), offsets[o].length);
        }
        return new Conv(h, c.weights().stream().map(this::rewrite).toList(), offsets, c.rows(), c.cols(), c.transposed());
    }

    /** The convolution c at x + offset as its taps: Σ_o M_o h(x + offset + δ_o), h computed at each tap. */
    private Node taps(Conv c, Offset offset) {
        Node sum = null;
        int[][] offsets = c.offsets();
        for (int o = 0; o < offsets.length; o++) {
            Node h = at(c.field(), offset.plus(offsets[o]));
            Node w = rewrite(c.weights().get(o));
            Node term = c.transposed() ? new DenseT(w, h, c.cols()) : new Dense(w, h, c.rows());
            sum = Graphs.add(sum, term);
        }
        return sum;
    }

    /** A stored (or already rewritten) field read at x + offset. */
    private static Node read(Node n, Offset offset) {
        return Node.readAt(n, offset.d());
    }
}
