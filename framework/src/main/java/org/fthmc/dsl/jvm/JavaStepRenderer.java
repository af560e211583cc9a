package org.fthmc.dsl.jvm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fthmc.dsl.Add;
import org.fthmc.dsl.Apply;
import org.fthmc.dsl.AtMax;
import org.fthmc.dsl.Broadcast;
import org.fthmc.dsl.Component;
import org.fthmc.dsl.Conj;
import org.fthmc.dsl.Constant;
import org.fthmc.dsl.Conv;
import org.fthmc.dsl.Dagger;
import org.fthmc.dsl.Dense;
import org.fthmc.dsl.DenseT;
import org.fthmc.dsl.Element;
import org.fthmc.dsl.ExpCoefficients;
import org.fthmc.dsl.FieldConstant;
import org.fthmc.dsl.FromReals;
import org.fthmc.dsl.Im;
import org.fthmc.dsl.Input;
import org.fthmc.dsl.Inverse;
import org.fthmc.dsl.LogAbsDet;
import org.fthmc.dsl.Max;
import org.fthmc.dsl.Mul;
import org.fthmc.dsl.Neg;
import org.fthmc.dsl.Node;
import org.fthmc.dsl.Outer;
import org.fthmc.dsl.Re;
import org.fthmc.dsl.RealDot;
import org.fthmc.dsl.Shift;
import org.fthmc.dsl.ShiftBy;
import org.fthmc.dsl.SiteTables;
import org.fthmc.dsl.Sum;
import org.fthmc.dsl.Trace;
import org.fthmc.dsl.TracelessAntiHermitian;
import org.fthmc.dsl.Type;
import org.fthmc.dsl.codegen.CLikeDialect;

/**
 * Renders one fused field step of a {@link org.fthmc.dsl.Schedule} as the source of a Java class implementing
 * {@link org.fthmc.dsl.StepCompiler.SiteLoop}: per site, every node of the step is computed into local variables
 * (one {@code double} per component for values of up to {@value #SCALAR_LIMIT} components, small matrix products,
 * dense layers and convolutions unrolled), and only the stored nodes are written to memory. Shifted reads go through
 * the lattice's neighbour tables.
 *
 * <p>HotSpot does not compile methods of more than 8000 bytes of bytecode, so the step is cut into segments of at most
 * about {@code budget} characters of source, one method each, running one after another over the same block of
 * sites ({@value #CHUNK} at a time); a value one segment computes and a later one reads passes through a scratch
 * array of the chunk (kept per thread, so runs allocate nothing once warm).
 */
final class JavaStepRenderer {
    /** Values of at most this many components live in scalar locals; larger ones in a per-block local array. */
    static final int SCALAR_LIMIT = 18;
    /** Dense layers and convolutions of at most this many multiply-adds per site are unrolled; larger ones loop. */
    static final int UNROLL_LIMIT = 256;
    /**
     * Sites per pass of a segmented step: each segment runs over a chunk of this many sites before the next segment
     * takes it, so the scratch arrays between segments stay small and in cache whatever the block size.
     */
    static final int CHUNK = 64;
    /** What a loop or a 3×3 product counts for in a segment's budget beyond its characters (see {@link #weight}). */
    static final int LOOP_WEIGHT = 500;
    /** The placeholder for the class name in the rendered source (the source without it keys the cache). */
    static final String NAME = "$KERNEL$";

    /** The rendered source, and the nodes and neighbour tables its loop takes, in order. */
    record Rendered(String source, List<Node> arrays, List<int[]> tables) {
    }

    private final SiteTables sites;
    private final List<Node> step;
    private final Set<Node> stored;
    private final int budget;
    private final Set<Node> here = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<Node> arrayValued = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<Node, Integer> localOf = new IdentityHashMap<>();
    private final Map<Node, Integer> segmentOf = new IdentityHashMap<>();
    private final Map<Node, Integer> scratchOf = new IdentityHashMap<>();
    private final Map<Node, Integer> arrayOf = new IdentityHashMap<>();
    private final List<Node> arrays = new ArrayList<>();
    private final Map<int[], Integer> tableOf = new IdentityHashMap<>();
    private final List<int[]> tables = new ArrayList<>();
    /** The segment being rendered. */
    private int segment;
    /** Declarations before the site loop of the segment being rendered (array and table locals, hoisted globals). */
    private final Set<String> preamble = new LinkedHashSet<>();
    private StringBuilder body = new StringBuilder();

    private JavaStepRenderer(SiteTables sites, List<Node> step, Set<Node> stored, int budget) {
        this.sites = sites;
        this.step = step;
        this.stored = stored;
        this.budget = budget;
        here.addAll(step);
        for (Node n : step) {
            localOf.put(n, localOf.size());
        }
        chooseArrays();
    }

    /** Renders a field step; {@code budget} bounds the characters of source per segment method. */
    static Rendered render(SiteTables sites, List<Node> step, Set<Node> stored, int budget) {
        return new JavaStepRenderer(sites, step, stored, budget).build();
    }

    /** Values held in local arrays: wide ones, inverses, and the operands and results of looped layers. */
    private void chooseArrays() {
        for (Node n : step) {
            if (n.type().components() > SCALAR_LIMIT || n instanceof Inverse || n instanceof ExpCoefficients || isMatrix3(n)) {
                arrayValued.add(n);
            }
            if (loopedLayer(n)) {
                arrayValued.add(n);
                n.inputs().stream().filter(here::contains).forEach(arrayValued::add);
            }
        }
    }

    /** 3×3 matrices live in local arrays, so their products are one call each (source size, hence compile time). */
    private static boolean isMatrix3(Node n) {
        return n.type().kind() == Type.Kind.MATRIX && n.type().n() == 3;
    }

    private static boolean loopedLayer(Node n) {
        return switch (n) {
            case Dense d -> (long) d.out() * d.inputs().get(1).type().n() > UNROLL_LIMIT;
            case DenseT d -> (long) d.in() * d.inputs().get(1).type().n() > UNROLL_LIMIT;
            case Outer o -> o.type().n() > UNROLL_LIMIT;
            case Conv conv -> (long) conv.rows() * conv.cols() * conv.offsets().length > UNROLL_LIMIT;
            default -> false;
        };
    }

    private Rendered build() {
        assignSegments();
        for (Node n : step) {
            for (Node in : n.inputs()) {
                if (here.contains(in) && !stored.contains(in) && !segmentOf.get(in).equals(segmentOf.get(n))) {
                    scratchOf.computeIfAbsent(in, k -> scratchOf.size());
                }
            }
        }
        int segments = segmentOf.get(step.getLast()) + 1;
        StringBuilder methods = new StringBuilder();
        for (segment = 0; segment < segments; segment++) {
            preamble.clear();
            body = new StringBuilder();
            for (Node n : step) {
                if (segmentOf.get(n) == segment) {
                    render(n);
                    save(n);
                }
            }
            methods.append("    private void segment").append(segment)
                    .append("(final int from, final int to, final double[][] a, final double[][] s) {\n");
            preamble.forEach(line -> methods.append("        ").append(line).append('\n'));
            methods.append("        for (int x = from; x < to; x++) {\n            final int r = x - from;\n")
                    .append(body).append("        }\n    }\n\n");
        }
        StringBuilder source = new StringBuilder();
        source.append("public final class ").append(NAME)
                .append(" implements org.fthmc.dsl.StepCompiler.SiteLoop {\n")
                .append("    private final int[][] t;\n\n")
                .append("    public ").append(NAME).append("(int[][] t) {\n        this.t = t;\n    }\n\n")
                .append("    @Override\n    public void run(final int from, final int to, final double[][] a) {\n");
        if (!scratchOf.isEmpty()) {
            int[] widths = new int[scratchOf.size()];
            scratchOf.forEach((n, i) -> widths[i] = n.type().components());
            String list = java.util.Arrays.toString(widths);
            source.insert(source.indexOf("    public " + NAME), "    /** Components of the values passed between segments through per-thread scratch arrays. */\n"
                    + "    private static final int[] WIDTHS = {" + list.substring(1, list.length() - 1) + "};\n"
                    + "    private final ThreadLocal<double[][]> scratch = ThreadLocal.withInitial(() -> {\n"
                    + "        double[][] s = new double[WIDTHS.length][];\n"
                    + "        for (int i = 0; i < s.length; i++) {\n"
                    + "            s[i] = new double[" + CHUNK + " * WIDTHS[i]];\n"
                    + "        }\n"
                    + "        return s;\n"
                    + "    });\n\n");
        }
        if (segments == 1) {
            source.append("        segment0(from, to, a, null);\n");
        } else {
            source.append("        final double[][] s = ").append(scratchOf.isEmpty() ? "null" : "scratch.get()").append(";\n")
                    .append("        for (int lo = from; lo < to; lo += ").append(CHUNK).append(") {\n")
                    .append("            final int hi = Math.min(to, lo + ").append(CHUNK).append(");\n");
            for (int i = 0; i < segments; i++) {
                source.append("            segment").append(i).append("(lo, hi, a, s);\n");
            }
            source.append("        }\n");
        }
        source.append("    }\n\n").append(methods).append("}\n");
        return new Rendered(source.toString(), List.copyOf(arrays), List.copyOf(tables));
    }

    /** Cuts the step into segments of about {@code budget} characters each, measured by rendering every node once. */
    private void assignSegments() {
        segment = 0;
        int used = 0;
        for (Node n : step) {
            segmentOf.put(n, segment);
            body = new StringBuilder();
            render(n);
            int size = weight(body);
            if (used > 0 && used + size > budget) {
                segmentOf.put(n, ++segment);
                used = 0;
            }
            used += size;
        }
        arrays.clear();
        arrayOf.clear();
        tables.clear();
        tableOf.clear();
    }

    /**
     * The share of a segment's budget that code takes: its characters, plus {@value #LOOP_WEIGHT} for every loop and
     * 3×3 product. HotSpot's optimising compiler unrolls and vectorises each short loop (and each inlined product)
     * into several copies, and gives up on a method whose graph outgrows its node limit ("out of nodes"), leaving it
     * to the much slower first tier; characters alone let a segment hold 85 loops of 18 components, which it refused.
     */
    static int weight(CharSequence code) {
        String text = code.toString();
        int heavy = count(text, "for (") + count(text, "multiply3(");
        return text.length() + LOOP_WEIGHT * heavy;
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + what.length())) {
            n++;
        }
        return n;
    }

    // ---- operands ----------------------------------------------------------------------------------------------

    private int components(Node n) {
        return n.type().components();
    }

    private String local(Node n) {
        return "v" + localOf.get(n);
    }

    private boolean inLocals(Node n) {
        return here.contains(n) && segmentOf.get(n) == segment;
    }

    /** Whether component refs of n may use a variable index (everything but scalar locals). */
    private boolean indexable(Node n) {
        return !inLocals(n) || arrayValued.contains(n);
    }

    /**
     * The Java expression of component k of operand n at site x. Globals, constants included, are read into locals
     * before the site loop, never written as literals: the source then depends on the graph's shape alone, so layers
     * that differ only in their coefficients share one compiled class.
     */
    private String ref(Node n, int k) {
        if (inLocals(n)) {
            return arrayValued.contains(n) ? local(n) + "[" + k + "]" : local(n) + "_" + k;
        }
        if (n.type().global() && !here.contains(n) && components(n) <= SCALAR_LIMIT) {
            String name = "g" + array(n) + "_" + k;
            preamble.add("final double " + name + " = a" + array(n) + "[" + k + "];");
            return name;
        }
        return at(n, Integer.toString(k));
    }

    /** The Java expression of component {@code index} (a Java int expression) of an indexable operand at site x. */
    private String at(Node n, String index) {
        if (inLocals(n)) {
            if (!arrayValued.contains(n)) {
                throw new IllegalStateException("variable index into scalar locals of " + n);
            }
            return local(n) + "[" + index + "]";
        }
        int c = components(n);
        if (here.contains(n) && !stored.contains(n)) {
            return scratch(n) + "[r * " + c + " + " + index + "]";
        }
        String a = "a" + array(n);
        return n.type().global() ? a + "[" + index + "]" : a + "[x * " + c + " + " + index + "]";
    }

    /** "array, offset" of an operand's components at site x (an array local, scratch or memory), for helper calls. */
    private String location(Node n) {
        if (inLocals(n)) {
            if (!arrayValued.contains(n)) {
                throw new IllegalStateException("no array holds " + n);
            }
            return local(n) + ", 0";
        }
        int c = components(n);
        if (here.contains(n) && !stored.contains(n)) {
            return scratch(n) + ", r * " + c;
        }
        return "a" + array(n) + ", " + (n.type().global() ? "0" : "x * " + c);
    }

    /** The index of n's array among the loop's arrays (its memory: an input, an earlier step's value, a constant). */
    private int array(Node n) {
        int i = arrayOf.computeIfAbsent(n, k -> {
            arrays.add(n);
            return arrays.size() - 1;
        });
        preamble.add("final double[] a" + i + " = a[" + i + "];");
        return i;
    }

    /** The local name of the per-block scratch array passing n from its segment to later ones. */
    private String scratch(Node n) {
        int i = scratchOf.getOrDefault(n, -1);
        preamble.add("final double[] s" + i + " = s[" + i + "];");
        return "s" + i;
    }

    private String table(int[] data) {
        int i = tableOf.computeIfAbsent(data, k -> {
            tables.add(data);
            return tables.size() - 1;
        });
        preamble.add("final int[] t" + i + " = t[" + i + "];");
        return "t" + i;
    }

    // ---- statements --------------------------------------------------------------------------------------------

    private void line(String statement) {
        body.append("            ").append(statement).append('\n');
    }

    /** Assigns component k of node n. */
    private void define(Node n, int k, String expression) {
        line(arrayValued.contains(n) ? local(n) + "[" + k + "] = " + expression + ";"
                : "final double " + local(n) + "_" + k + " = " + expression + ";");
    }

    /** Writes a stored node to its memory (or a value a later segment reads to its scratch array). */
    private void save(Node n) {
        int c = components(n);
        String array;
        String offset;
        if (stored.contains(n)) {
            array = "a" + array(n);
            offset = "x * " + c;
        } else if (scratchOf.containsKey(n)) {
            array = scratch(n);
            offset = "r * " + c;
        } else {
            return;
        }
        if (arrayValued.contains(n)) {
            line("System.arraycopy(" + local(n) + ", 0, " + array + ", " + offset + ", " + c + ");");
        } else {
            for (int k = 0; k < c; k++) {
                line(array + "[" + offset + " + " + k + "] = " + ref(n, k) + ";");
            }
        }
    }

    /** Appends the code computing node n at site x. */
    private void render(Node n) {
        int c = components(n);
        if (arrayValued.contains(n)) {
            preamble.add("final double[] " + local(n) + " = new double[" + c + "];");
        }
        List<Node> in = n.inputs();
        switch (n) {
            case Add add -> componentwise(n);
            case Neg neg -> componentwise(n);
            case Apply f -> componentwise(n);
            case Broadcast b -> componentwise(n);
            case FromReals f -> {
                String[] components = new String[c];
                java.util.Arrays.fill(components, "0.0");
                for (int i = 0; i < in.size(); i++) {
                    components[f.slot(i)] = ref(in.get(i), 0);
                }
                for (int k = 0; k < c; k++) {
                    define(n, k, components[k]);
                }
            }
            case Conj conj -> componentwise(n);
            case Mul mul -> product(mul);
            case Dagger d -> entries(n, null);
            case TracelessAntiHermitian ta -> {
                int m = n.type().n();
                List<String> diagonal = new ArrayList<>();
                for (int k = 0; k < m; k++) {
                    diagonal.add(ref(in.get(0), 2 * (k * m + k) + 1));
                }
                String trace = local(n) + "_trace";
                line("final double " + trace + " = " + sum(diagonal) + ";");
                entries(n, trace);
            }
            case Trace t -> {
                int m = in.get(0).type().n();
                List<String> re = new ArrayList<>();
                List<String> im = new ArrayList<>();
                for (int k = 0; k < m; k++) {
                    re.add(ref(in.get(0), 2 * (k * m + k)));
                    im.add(ref(in.get(0), 2 * (k * m + k) + 1));
                }
                define(n, 0, sum(re));
                define(n, 1, sum(im));
            }
            case Re re -> define(n, 0, ref(in.get(0), 0));
            case Im im -> define(n, 0, ref(in.get(0), 1));
            case Component comp -> define(n, 0, ref(in.get(0), comp.index()));
            case Element e -> {
                int m = in.get(0).type().n();
                define(n, 0, ref(in.get(0), 2 * (e.row() * m + e.column())));
                define(n, 1, ref(in.get(0), 2 * (e.row() * m + e.column()) + 1));
            }
            case RealDot d -> {
                int cc = components(in.get(0));
                if (cc > SCALAR_LIMIT && indexable(in.get(0)) && indexable(in.get(1))) {
                    String acc = local(n) + "_acc";
                    line("double " + acc + " = 0;");
                    line("for (int k_ = 0; k_ < " + cc + "; k_++) " + acc + " += " + at(in.get(0), "k_") + " * "
                            + at(in.get(1), "k_") + ";");
                    define(n, 0, acc);
                } else {
                    List<String> terms = new ArrayList<>();
                    for (int k = 0; k < cc; k++) {
                        terms.add(ref(in.get(0), k) + " * " + ref(in.get(1), k));
                    }
                    define(n, 0, sum(terms));
                }
            }
            case Dense d -> layer(n, in.get(0), in.get(1), d.out(), in.get(1).type().n(), false);
            case DenseT d -> layer(n, in.get(0), in.get(1), in.get(1).type().n(), d.in(), true);
            case Outer o -> {
                int p = in.get(1).type().n();
                int q = in.get(0).type().n();
                if (loopedLayer(n)) {
                    line("for (int i_ = 0; i_ < " + q + "; i_++) for (int j_ = 0; j_ < " + p + "; j_++) " + local(n) + "[i_ * "
                            + p + " + j_] = " + at(in.get(0), "i_") + " * " + at(in.get(1), "j_") + ";");
                } else {
                    for (int i = 0; i < q; i++) {
                        for (int j = 0; j < p; j++) {
                            define(n, i * p + j, ref(in.get(0), i) + " * " + ref(in.get(1), j));
                        }
                    }
                }
            }
            case Shift sh -> gather(n, in.get(0), sites.shift(sh.mu(), sh.k()));
            case ShiftBy sh -> gather(n, in.get(0), sites.offset(sh.offset()));
            case Conv conv -> conv(conv);
            case AtMax at -> define(n, 0, "(" + ref(in.get(0), 0) + " == " + ref(in.get(1), 0) + ") ? 1.0 : 0.0");
            case Inverse inv -> {
                String m = copy(n, in.get(0));
                line("org.fthmc.math.PivotedElimination.invert(" + n.type().n() + ", " + m + ", " + local(n) + ", 0);");
            }
            case LogAbsDet l -> {
                String m = copy(n, in.get(0));
                define(n, 0, "org.fthmc.math.PivotedElimination.logAbsDet(" + in.get(0).type().n() + ", " + m + ")");
            }
            case ExpCoefficients e -> {
                String scratch = local(n) + "_scratch";
                preamble.add("final double[] " + scratch + " = new double[" + org.fthmc.math.CayleyHamiltonExp.scratchLength(e.p(), e.q()) + "];");
                line("org.fthmc.math.CayleyHamiltonExp.derivative(" + e.n() + ", " + e.p() + ", " + e.q() + ", " + ref(in.get(0), 0)
                        + ", " + (in.size() > 1 ? ref(in.get(1), 0) : "0") + ", " + local(n) + ", 0, " + scratch + ");");
            }
            case Sum sum -> throw new IllegalStateException("sums are reductions");
            case Max max -> throw new IllegalStateException("maxima are reductions");
            case Constant k -> throw new IllegalStateException("constants are not computed");
            case Input x -> throw new IllegalStateException("inputs are not computed");
            case FieldConstant k -> throw new IllegalStateException("field constants are not computed");
        }
    }

    /** A componentwise primitive ({@link CLikeDialect#stride}) by the shared rules, looped or unrolled. */
    private void componentwise(Node n) {
        componentwise(n, CLikeDialect.indexed(n), CLikeDialect.stride(n), k -> JavaDialect.INSTANCE.components(n, k, this::el));
    }

    /**
     * Defines n {@code stride} components at a time, the pass giving the expressions of components k, k + 1, … from
     * the index k (a Java int expression): a loop over k where n lives in a local array and every indexed operand can
     * be read at a variable index (so wide values cost a few lines of source, not one per component), else unrolled.
     */
    private void componentwise(Node n, List<Node> indexed, int stride,
                               java.util.function.Function<String, List<String>> pass) {
        int c = components(n);
        if (arrayValued.contains(n) && c > stride && indexed.stream().allMatch(this::indexable)) {
            List<String> parts = pass.apply("k_");
            StringBuilder loop = new StringBuilder("for (int k_ = 0; k_ < " + c + "; k_ += " + stride + ") {");
            for (int i = 0; i < parts.size(); i++) {
                loop.append(' ').append(local(n)).append('[').append(CLikeDialect.plus("k_", i)).append("] = ").append(parts.get(i)).append(';');
            }
            line(loop.append(" }").toString());
        } else {
            for (int k = 0; k < c; k += stride) {
                List<String> parts = pass.apply(Integer.toString(k));
                for (int i = 0; i < parts.size(); i++) {
                    define(n, k + i, parts.get(i));
                }
            }
        }
    }

    /**
     * The sum of the terms from zero, left to right: the interpreter's accumulation order (its loops start from 0 and
     * add each term in turn), so compiled and interpreted sums agree bit for bit, the sign of a zero included.
     */
    private static String sum(List<String> terms) {
        return "0.0 + " + String.join(" + ", terms);
    }

    /** Component k (a literal or an index expression) of operand n. */
    private String el(Node n, String k) {
        return CLikeDialect.isLiteral(k) ? ref(n, Integer.parseInt(k)) : at(n, k);
    }

    /**
     * A matrix defined entry by entry ({@link CLikeDialect#entry}: the conjugate transpose, TA with its trace variable):
     * two loops over a local array where the operand allows it, else unrolled.
     */
    private void entries(Node n, String trace) {
        int m = n.type().n();
        Node operand = n.inputs().getFirst();
        if (arrayValued.contains(n) && indexable(operand)) {
            List<String> e = CLikeDialect.entry(n, "i_", "j_", this::el, trace);
            line("for (int i_ = 0; i_ < " + m + "; i_++) for (int j_ = 0; j_ < " + m + "; j_++) { " + local(n) + "[2 * (i_ * "
                    + m + " + j_)] = " + e.get(0) + "; " + local(n) + "[2 * (i_ * " + m + " + j_) + 1] = " + e.get(1) + "; }");
            return;
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                List<String> e = CLikeDialect.entry(n, Integer.toString(i), Integer.toString(j), this::el, trace);
                define(n, 2 * (i * m + j), e.get(0));
                define(n, 2 * (i * m + j) + 1, e.get(1));
            }
        }
    }

    /** The products of {@link Mul}: elementwise, real scale, complex scale, matrix product (as the executor's). */
    private void product(Mul mul) {
        Node a = mul.inputs().get(0);
        Node b = mul.inputs().get(1);
        if (CLikeDialect.stride(mul) > 0) {
            componentwise(mul);
        } else if (isMatrix3(mul)) {
            line("org.fthmc.math.ComplexMatrices.multiply3(" + location(a) + ", " + location(b) + ", " + local(mul) + ", 0);");
        } else {
            int m = a.type().n();
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < m; j++) {
                    List<String> re = new ArrayList<>();
                    List<String> im = new ArrayList<>();
                    for (int l = 0; l < m; l++) {
                        String ar = ref(a, 2 * (i * m + l));
                        String ai = ref(a, 2 * (i * m + l) + 1);
                        String br = ref(b, 2 * (l * m + j));
                        String bi = ref(b, 2 * (l * m + j) + 1);
                        re.add("(" + ar + " * " + br + " - " + ai + " * " + bi + ")");
                        im.add("(" + ar + " * " + bi + " + " + ai + " * " + br + ")");
                    }
                    define(mul, 2 * (i * m + j), sum(re));
                    define(mul, 2 * (i * m + j) + 1, sum(im));
                }
            }
        }
    }

    /**
     * y = W v (transposed: Wᵀ v) with W rows × cols, row-major: unrolled, or loops over local arrays. The loops take
     * the input components in the outer loop and update every output in the inner one ({@link #accumulate}).
     */
    private void layer(Node n, Node w, Node v, int rows, int cols, boolean transposed) {
        int out = transposed ? cols : rows;
        int in = transposed ? rows : cols;
        if (loopedLayer(n)) {
            String weight = transposed ? "k_ * " + cols + " + o_" : "o_ * " + cols + " + k_";
            line("java.util.Arrays.fill(" + local(n) + ", 0);");
            accumulate(local(n), 0, in, out, at(v, "k_"), at(w, weight));
            return;
        }
        for (int o = 0; o < out; o++) {
            List<String> terms = new ArrayList<>();
            for (int k = 0; k < in; k++) {
                terms.add(ref(w, transposed ? k * cols + o : o * cols + k) + " * " + ref(v, k));
            }
            define(n, o, sum(terms));
        }
    }

    /** n = the operand's value at the site a neighbour table gives for x. */
    private void gather(Node n, Node operand, int[] siteTable) {
        int c = components(n);
        String t = table(siteTable);
        String y = local(n) + "_y";
        String a = "a" + array(operand);
        line("final int " + y + " = " + t + "[x] * " + c + ";");
        if (arrayValued.contains(n)) {
            line("System.arraycopy(" + a + ", " + y + ", " + local(n) + ", 0, " + c + ");");
        } else {
            for (int k = 0; k < c; k++) {
                define(n, k, a + "[" + y + " + " + k + "]");
            }
        }
    }

    /** y(x) = Σ_o M_o h(x + δ_o), M_o the rows × cols weights of offset o (transposed: their transpose). */
    private void conv(Conv conv) {
        int rows = conv.rows();
        int cols = conv.cols();
        int in = conv.transposed() ? rows : cols;
        int out = conv.transposed() ? cols : rows;
        int[][] offsetTables = sites.offsets(conv);
        String h = "a" + array(conv.field());
        List<String> y = new ArrayList<>();
        for (int o = 0; o < offsetTables.length; o++) {
            String name = local(conv) + "_y" + o;
            line("final int " + name + " = " + table(offsetTables[o]) + "[x] * " + in + ";");
            y.add(name);
        }
        int partials = conv.partialSums();
        if (loopedLayer(conv)) {
            // partial sum c in the slice [c·out, (c + 1)·out) of one array, added into the first slice at the end
            String acc = partials == 1 ? local(conv) : local(conv) + "_p";
            if (partials > 1) {
                preamble.add("final double[] " + acc + " = new double[" + partials * out + "];");
            }
            line("java.util.Arrays.fill(" + acc + ", 0);");
            for (int o = 0; o < offsetTables.length; o++) {
                Node w = conv.weights().get(o);
                String weight = conv.transposed() ? "k_ * " + cols + " + o_" : "o_ * " + cols + " + k_";
                accumulate(acc, (o % partials) * out, in, out, h + "[" + y.get(o) + " + k_]", at(w, weight));
            }
            if (partials > 1) {
                line("for (int c_ = 1; c_ < " + partials + "; c_++) { for (int o_ = 0; o_ < " + out + "; o_++) " + acc
                        + "[o_] += " + acc + "[c_ * " + out + " + o_]; }");
                line("System.arraycopy(" + acc + ", 0, " + local(conv) + ", 0, " + out + ");");
            }
            return;
        }
        for (int r = 0; r < out; r++) {
            List<String> sums = new ArrayList<>();
            for (int c = 0; c < partials; c++) {
                List<String> terms = new ArrayList<>();
                for (int o = c; o < offsetTables.length; o += partials) {
                    Node w = conv.weights().get(o);
                    for (int k = 0; k < in; k++) {
                        terms.add(ref(w, conv.transposed() ? k * cols + r : r * cols + k) + " * " + h + "[" + y.get(o) + " + " + k + "]");
                    }
                }
                sums.add("(" + sum(terms) + ")");
            }
            define(conv, r, String.join(" + ", sums));
        }
    }

    /**
     * acc[base + o_] += W(o_, k_) · v(k_) for every input component k_ (outer loop) and output o_ (inner loop): each
     * output still adds its terms in k_ order (the bits of a row-by-row dot product), but the outputs' additions are
     * independent, not one chain of dependent additions per output, and the inner loop can be vectorised.
     */
    private void accumulate(String acc, int base, int in, int out, String input, String weight) {
        String at = base == 0 ? "o_" : base + " + o_";
        line("for (int k_ = 0; k_ < " + in + "; k_++) { final double in_ = " + input + "; for (int o_ = 0; o_ < " + out
                + "; o_++) " + acc + "[" + at + "] += " + weight + " * in_; }");
    }

    /** The operand's value copied into a local array of node n (for the elimination routines); its name. */
    private String copy(Node n, Node operand) {
        int c = components(operand);
        String name = local(n) + "_m";
        preamble.add("final double[] " + name + " = new double[" + c + "];");
        for (int k = 0; k < c; k++) {
            line(name + "[" + k + "] = " + ref(operand, k) + ";");
        }
        return name;
    }
}
