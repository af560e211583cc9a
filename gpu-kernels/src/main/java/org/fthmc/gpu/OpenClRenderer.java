package org.fthmc.gpu;

import java.util.ArrayList;
import java.util.HashMap;
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
import org.fthmc.dsl.Schedule;
import org.fthmc.dsl.Shift;
import org.fthmc.dsl.ShiftBy;
import org.fthmc.dsl.SiteTables;
import org.fthmc.dsl.Sum;
import org.fthmc.dsl.Trace;
import org.fthmc.dsl.TracelessAntiHermitian;
import org.fthmc.dsl.Type;
import org.fthmc.dsl.codegen.CLikeDialect;

/**
 * Renders a {@link Schedule} as OpenCL C: one kernel per fused field step, in which one work item computes every
 * node of the step at its site in private variables and stores to device memory only the values that a later
 * step or the caller reads; runs of global arithmetic become one single-work-item kernel; a reduction (sum,
 * maximum) is a fixed two-pass tree (partial results per work group, then their combination in group order), so
 * results are bit-identical from run to run on one device.
 *
 * <p>Every primitive of the DSL is rendered, so any graph the CPU executor runs (a DSL-derived force, a transform
 * layer and its pull-back, a loss and its weight gradient) runs here without a second implementation. Results
 * agree with the CPU executor to rounding (the device's sin, exp, … and its summation order differ in the last
 * bits).
 */
public final class OpenClRenderer {
    /** Work-group size of the reductions. */
    private static final int GROUP = 64;
    /** Work groups of a reduction's first pass (at most). */
    private static final int GROUPS = 64;
    /** Constants with at most this many components are written into the kernels as literals. */
    private static final int INLINE_LIMIT = 64;

    private final Schedule schedule;
    private final SiteTables tables;
    private final int volume;
    private final List<OpenClProgram.Buffer> buffers = new ArrayList<>();
    private final Map<Node, Integer> bufferOf = new IdentityHashMap<>();
    private final Map<Object, Integer> tableBuffer = new HashMap<>();
    private final List<OpenClProgram.Launch> launches = new ArrayList<>();
    private final StringBuilder source = new StringBuilder();
    private final Set<Integer> inverseSizes = new LinkedHashSet<>();
    private final Set<Integer> logDetSizes = new LinkedHashSet<>();
    /** The (n, p, q) of the Cayley–Hamilton exponential's coefficient helpers the kernels call. */
    private final Set<List<Integer>> expCoefficientOrders = new LinkedHashSet<>();

    private OpenClRenderer(Schedule schedule) {
        this.schedule = schedule;
        this.tables = new SiteTables(schedule.lattice());
        this.volume = schedule.lattice().volume();
    }

    /** Renders the schedule: source, buffers and launches. */
    public static OpenClProgram render(Schedule schedule) {
        return new OpenClRenderer(schedule).build();
    }

    private OpenClProgram build() {
        List<Integer> inputs = new ArrayList<>();
        for (Input x : schedule.inputs()) {
            inputs.add(buffer(x, size(x.type()), null));
        }
        Set<Node> stored = schedule.storedNodes();
        StringBuilder kernels = new StringBuilder();
        List<List<Node>> steps = schedule.steps();
        for (int s = 0; s < steps.size(); s++) {
            List<Node> step = steps.get(s);
            Node first = step.getFirst();
            if (isReduction(first)) {
                reduction(first, s, kernels);
            } else if (Schedule.isGlobal(step)) {
                List<Node> run = new ArrayList<>(step);
                while (s + 1 < steps.size() && Schedule.isGlobal(steps.get(s + 1))
                        && !isReduction(steps.get(s + 1).getFirst())) {
                    run.addAll(steps.get(++s));
                }
                fused(run, "global" + s, stored, 1, kernels);
            } else {
                fused(step, "stage" + s, stored, volume, kernels);
            }
        }
        List<OpenClProgram.Output> outputs = new ArrayList<>();
        for (Node o : schedule.outputs()) {
            double[] known = o instanceof FieldConstant c ? c.data() : schedule.constant(o);
            outputs.add(known != null ? new OpenClProgram.Output(-1, known) : new OpenClProgram.Output(bufferOf.get(o), null));
        }
        source.append("#pragma OPENCL EXTENSION cl_khr_fp64 : enable\n\n");
        inverseSizes.forEach(n -> source.append(OpenClHelpers.inverse(n)));
        logDetSizes.forEach(n -> source.append(OpenClHelpers.logAbsDet(n)));
        expCoefficientOrders.forEach(o -> source.append(OpenClHelpers.expCoefficients(o.get(0), o.get(1), o.get(2))));
        source.append(kernels);
        return new OpenClProgram(source.toString(), List.copyOf(buffers), List.copyOf(launches), inputs, outputs);
    }

    private static boolean isReduction(Node n) {
        return n instanceof Sum || n instanceof Max;
    }

    private int size(Type t) {
        return t.global() ? t.components() : volume * t.components();
    }

    private int buffer(Node n, long length, double[] data) {
        return bufferOf.computeIfAbsent(n, k -> {
            buffers.add(new OpenClProgram.Buffer(buffers.size(), length, data, null));
            return buffers.size() - 1;
        });
    }

    private int table(Object key, int[] data) {
        return tableBuffer.computeIfAbsent(key, k -> {
            buffers.add(new OpenClProgram.Buffer(buffers.size(), data.length, null, data));
            return buffers.size() - 1;
        });
    }

    /**
     * One kernel computing a list of nodes in order at one work item each (a field step over the sites, or a run
     * of global arithmetic on one work item).
     */
    private void fused(List<Node> nodes, String name, Set<Node> stored, long items, StringBuilder out) {
        Kernel k = new Kernel(name, nodes);
        for (Node n : nodes) {
            k.render(n);
            if (stored.contains(n)) {
                int b = buffer(n, size(n.type()), null);
                int c = n.type().components();
                k.written.add(b);
                k.body.append("  for (int k = 0; k < ").append(c).append("; k++) ").append(k.arg(b))
                        .append('[').append(n.type().global() ? "" : "x * " + c + " + ").append("k] = v").append(k.local(n))
                        .append("[k];\n");
            }
        }
        k.emit(out, items);
        launches.add(new OpenClProgram.Launch(name, items, 0, k.args()));
    }

    /** A sum or maximum of fields: per-group partial results, then their combination (both in a fixed order). */
    private void reduction(Node n, int s, StringBuilder out) {
        boolean max = n instanceof Max;
        int c = n.type().components();
        int groups = Math.max(1, Math.min(GROUPS, (volume + GROUP - 1) / GROUP));
        buffers.add(new OpenClProgram.Buffer(buffers.size(), (long) groups * c, null, null));
        int partial = buffers.size() - 1;
        int result = buffer(n, c, null);
        String init = max ? "-INFINITY" : "0.0";
        String combine = max ? "fmax(a, b)" : "a + b";
        List<Integer> args = new ArrayList<>();
        StringBuilder params = new StringBuilder();
        StringBuilder load = new StringBuilder();
        for (int i = 0; i < n.inputs().size(); i++) {
            Node f = n.inputs().get(i);
            int b = operandBuffer(f);
            args.add(b);
            params.append("__global const double* restrict f").append(i).append(", ");
            load.append("        { double a = acc, b = f").append(i).append("[(long) x * ").append(c)
                    .append(" + k]; acc = ").append(combine).append("; }\n");
        }
        args.add(partial);
        String first = "reduce" + s;
        out.append("__kernel void ").append(first).append('(').append(params).append("__global double* partial) {\n")
                .append("  __local double scratch[").append(GROUP).append("];\n")
                .append("  const int lid = get_local_id(0), gid = get_global_id(0), stride = get_global_size(0);\n")
                .append("  for (int k = 0; k < ").append(c).append("; k++) {\n")
                .append("    double acc = ").append(init).append(";\n")
                .append("    for (int x = gid; x < ").append(volume).append("; x += stride) {\n").append(load)
                .append("    }\n")
                .append("    scratch[lid] = acc;\n")
                .append("    barrier(CLK_LOCAL_MEM_FENCE);\n")
                .append("    for (int h = ").append(GROUP / 2).append("; h > 0; h >>= 1) {\n")
                .append("      if (lid < h) { double a = scratch[lid], b = scratch[lid + h]; scratch[lid] = ").append(combine).append("; }\n")
                .append("      barrier(CLK_LOCAL_MEM_FENCE);\n")
                .append("    }\n")
                .append("    if (lid == 0) partial[get_group_id(0) * ").append(c).append(" + k] = scratch[0];\n")
                .append("    barrier(CLK_LOCAL_MEM_FENCE);\n")
                .append("  }\n}\n\n");
        launches.add(new OpenClProgram.Launch(first, (long) groups * GROUP, GROUP, args));
        String second = "combine" + s;
        out.append("__kernel void ").append(second).append("(__global const double* restrict partial, __global double* out) {\n")
                .append("  const int k = get_global_id(0);\n")
                .append("  if (k >= ").append(c).append(") return;\n")
                .append("  double acc = ").append(init).append(";\n")
                .append("  for (int g = 0; g < ").append(groups).append("; g++) { double a = acc, b = partial[g * ")
                .append(c).append(" + k]; acc = ").append(combine).append("; }\n")
                .append("  out[k] = acc;\n}\n\n");
        launches.add(new OpenClProgram.Launch(second, c, 0, List.of(partial, result)));
    }

    /** The buffer holding an operand computed in an earlier step, an input or a field constant. */
    private int operandBuffer(Node n) {
        Integer b = bufferOf.get(n);
        if (b != null) {
            return b;
        }
        if (n instanceof FieldConstant c) {
            return buffer(n, c.data().length, c.data());
        }
        double[] constant = schedule.constant(n);
        if (constant != null) {
            return buffer(n, constant.length, constant);
        }
        throw new IllegalStateException("no buffer for " + n);
    }

    /** The source of one kernel under construction: its arguments, private values and body. */
    private final class Kernel {
        private final String name;
        private final Set<Node> here = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        private final Set<Integer> args = new LinkedHashSet<>();
        private final Set<Integer> written = new java.util.HashSet<>();
        private final Map<Node, Integer> locals = new IdentityHashMap<>();
        private final StringBuilder declarations = new StringBuilder();
        private final StringBuilder body = new StringBuilder();

        Kernel(String name, List<Node> nodes) {
            this.name = name;
            here.addAll(nodes);
        }

        List<Integer> args() {
            return List.copyOf(args);
        }

        /** The kernel parameter of a device buffer (t: a neighbour table, b: doubles). */
        String arg(int buffer) {
            args.add(buffer);
            return name(buffer);
        }

        private String name(int buffer) {
            return (buffers.get(buffer).integer() ? "t" : "b") + buffer;
        }

        int local(Node n) {
            return locals.computeIfAbsent(n, k -> locals.size());
        }

        void emit(StringBuilder out, long items) {
            out.append("__kernel void ").append(name).append('(');
            int i = 0;
            for (int a : args) {
                out.append(i++ > 0 ? ", " : "").append("__global ").append(buffers.get(a).integer() ? "const int* restrict "
                        : written.contains(a) ? "double* " : "const double* restrict ").append(name(a));
            }
            out.append(") {\n  const int x = get_global_id(0);\n  if (x >= ").append(items).append(") return;\n")
                    .append(declarations).append(body).append("}\n\n");
        }

        /**
         * The C expression of component {@code index} (a C expression) of operand n at this work item's site:
         * a private value of this kernel, a literal array, or device memory (a field at x, a global at 0).
         */
        String ref(Node n, String index) {
            if (here.contains(n)) {
                return "v" + local(n) + "[" + index + "]";
            }
            double[] constant = schedule.constant(n);
            if (constant != null && constant.length <= INLINE_LIMIT) {
                if (!locals.containsKey(n)) {
                    declarations.append("  const double v").append(local(n)).append('[').append(constant.length)
                            .append("] = {").append(literals(constant)).append("};\n");
                }
                return "v" + local(n) + "[" + index + "]";
            }
            String b = arg(operandBuffer(n));
            int c = n.type().components();
            return n.type().global() ? b + "[" + index + "]" : b + "[x * " + c + " + " + index + "]";
        }

        /** Declares n's private value and appends the code computing it. */
        void render(Node n) {
            int c = n.type().components();
            String v = "v" + local(n);
            body.append("  double ").append(v).append('[').append(c).append("];\n");
            List<Node> in = n.inputs();
            switch (n) {
                case Add add -> componentwise(n, v);
                case Neg neg -> componentwise(n, v);
                case Apply f -> componentwise(n, v);
                case Mul mul -> product(mul, v);
                case Conj conj -> componentwise(n, v);
                case Dagger d -> entries(n, v, null);
                case TracelessAntiHermitian ta -> {
                    int m = n.type().n();
                    body.append("  double trace").append(v).append(" = 0.0;\n");
                    loop(m, "trace" + v + " += " + ref(in.get(0), "2 * (k * " + m + " + k) + 1") + ";");
                    entries(n, v, "trace" + v);
                }
                case Trace t -> {
                    int m = in.get(0).type().n();
                    body.append("  ").append(v).append("[0] = 0; ").append(v).append("[1] = 0;\n");
                    loop(m, v + "[0] += " + ref(in.get(0), "2 * (k * " + m + " + k)") + "; " + v + "[1] += "
                            + ref(in.get(0), "2 * (k * " + m + " + k) + 1") + ";");
                }
                case Re r -> assign(v + "[0]", ref(in.get(0), "0"));
                case Im i -> assign(v + "[0]", ref(in.get(0), "1"));
                case Component comp -> assign(v + "[0]", ref(in.get(0), Integer.toString(comp.index())));
                case Element e -> {
                    int m = in.get(0).type().n();
                    int at = 2 * (e.row() * m + e.column());
                    assign(v + "[0]", ref(in.get(0), Integer.toString(at)));
                    assign(v + "[1]", ref(in.get(0), Integer.toString(at + 1)));
                }
                case RealDot d -> {
                    body.append("  ").append(v).append("[0] = 0;\n");
                    loop(in.get(0).type().components(), v + "[0] += " + ref(in.get(0), "k") + " * " + ref(in.get(1), "k") + ";");
                }
                case Dense d -> dense(v, in.get(0), in.get(1), d.out(), in.get(1).type().n(), false);
                case DenseT d -> dense(v, in.get(0), in.get(1), in.get(1).type().n(), d.in(), true);
                case Outer o -> {
                    int p = in.get(1).type().n();
                    body.append("  for (int i = 0; i < ").append(in.get(0).type().n()).append("; i++) for (int j = 0; j < ")
                            .append(p).append("; j++) ").append(v).append("[i * ").append(p).append(" + j] = ")
                            .append(ref(in.get(0), "i")).append(" * ").append(ref(in.get(1), "j")).append(";\n");
                }
                case Shift sh -> gather(v, c, in.get(0), table(List.of("shift", sh.mu(), sh.k()), tables.shift(sh.mu(), sh.k())));
                case ShiftBy sh -> gather(v, c, in.get(0),
                        table(List.of("offset", java.util.Arrays.toString(sh.offset())), tables.offset(sh.offset())));
                case Conv conv -> conv(conv, v);
                case Broadcast b -> componentwise(n, v);
                case FromReals f -> {
                    loop(c, v + "[k] = 0.0;");
                    for (int i = 0; i < in.size(); i++) {
                        assign(v + "[" + f.slot(i) + "]", ref(in.get(i), "0"));
                    }
                }
                case AtMax at -> assign(v + "[0]", "(" + ref(in.get(0), "0") + " == " + ref(in.get(1), "0") + ") ? 1.0 : 0.0");
                case Inverse inv -> {
                    int m = n.type().n();
                    inverseSizes.add(m);
                    body.append("  { double a[").append(c).append("];\n  ");
                    loop(c, "a[k] = " + ref(in.get(0), "k") + ";");
                    body.append("  inverse").append(m).append("(a, ").append(v).append("); }\n");
                }
                case LogAbsDet l -> {
                    int m = in.get(0).type().n();
                    logDetSizes.add(m);
                    int cm = 2 * m * m;
                    body.append("  { double a[").append(cm).append("];\n  ");
                    loop(cm, "a[k] = " + ref(in.get(0), "k") + ";");
                    body.append("  ").append(v).append("[0] = log_abs_det").append(m).append("(a); }\n");
                }
                case ExpCoefficients e -> {
                    expCoefficientOrders.add(List.of(e.n(), e.p(), e.q()));
                    body.append("  exp_coefficients").append(e.n()).append('_').append(e.p()).append('_').append(e.q()).append('(')
                            .append(ref(in.get(0), "0")).append(", ").append(in.size() > 1 ? ref(in.get(1), "0") : "0.0")
                            .append(", ").append(v).append(");\n");
                }
                case Sum sum -> throw new IllegalStateException("sums are reductions");
                case Max max -> throw new IllegalStateException("maxima are reductions");
                case Constant k -> throw new IllegalStateException("constants are not computed");
                case Input x -> throw new IllegalStateException("inputs are not computed");
                case FieldConstant k -> throw new IllegalStateException("field constants are not computed");
            }
        }

        private void loop(int count, String statement) {
            body.append("  for (int k = 0; k < ").append(count).append("; k++) { ").append(statement).append(" }\n");
        }

        /** A componentwise primitive by the shared rules ({@link org.fthmc.dsl.codegen.CLikeDialect#components}), as a loop. */
        private void componentwise(Node n, String v) {
            int stride = CLikeDialect.stride(n);
            String k = stride == 1 ? "k" : stride + " * k";
            List<String> parts = OpenClDialect.INSTANCE.components(n, k, this::ref);
            StringBuilder statement = new StringBuilder();
            for (int i = 0; i < parts.size(); i++) {
                statement.append(i > 0 ? " " : "").append(v).append('[').append(CLikeDialect.plus(k, i)).append("] = ")
                        .append(parts.get(i)).append(';');
            }
            loop(n.type().components() / stride, statement.toString());
        }

        /** A matrix defined entry by entry ({@link org.fthmc.dsl.codegen.CLikeDialect#entry}), as two loops. */
        private void entries(Node n, String v, String trace) {
            int m = n.type().n();
            List<String> e = CLikeDialect.entry(n, "i", "j", this::ref, trace);
            body.append("  for (int i = 0; i < ").append(m).append("; i++) for (int j = 0; j < ").append(m).append("; j++) { ")
                    .append(v).append("[2 * (i * ").append(m).append(" + j)] = ").append(e.get(0)).append("; ")
                    .append(v).append("[2 * (i * ").append(m).append(" + j) + 1] = ").append(e.get(1)).append("; }\n");
        }

        private void assign(String target, String value) {
            body.append("  ").append(target).append(" = ").append(value).append(";\n");
        }

        /** The products of {@link Mul}: the componentwise ones by the shared rules, the matrix product as loops. */
        private void product(Mul mul, String v) {
            Node a = mul.inputs().get(0);
            Node b = mul.inputs().get(1);
            if (CLikeDialect.stride(mul) > 0) {
                componentwise(mul, v);
            } else {
                int m = a.type().n();
                body.append("  for (int i = 0; i < ").append(m).append("; i++) for (int j = 0; j < ").append(m)
                        .append("; j++) {\n    double re = 0, im = 0;\n    for (int l = 0; l < ").append(m)
                        .append("; l++) {\n      const double ar = ").append(ref(a, "2 * (i * " + m + " + l)"))
                        .append(", ai = ").append(ref(a, "2 * (i * " + m + " + l) + 1"))
                        .append(", br = ").append(ref(b, "2 * (l * " + m + " + j)"))
                        .append(", bi = ").append(ref(b, "2 * (l * " + m + " + j) + 1"))
                        .append(";\n      re += ar * br - ai * bi; im += ar * bi + ai * br;\n    }\n    ")
                        .append(v).append("[2 * (i * ").append(m).append(" + j)] = re; ").append(v).append("[2 * (i * ")
                        .append(m).append(" + j) + 1] = im;\n  }\n");
            }
        }

        /** y = W v (transposed: Wᵀ v) with W rows × cols, row-major. */
        private void dense(String v, Node w, Node x, int rows, int cols, boolean transposed) {
            int out = transposed ? cols : rows;
            int in = transposed ? rows : cols;
            String weight = transposed ? "k * " + cols + " + r" : "r * " + cols + " + k";
            body.append("  for (int r = 0; r < ").append(out).append("; r++) {\n    double s = 0;\n    for (int k = 0; k < ")
                    .append(in).append("; k++) s += ").append(ref(w, weight)).append(" * ").append(ref(x, "k"))
                    .append(";\n    ").append(v).append("[r] = s;\n  }\n");
        }

        /** v = the operand's value at the site the table gives for x. */
        private void gather(String v, int c, Node operand, int table) {
            String t = arg(table);
            String b = arg(operandBuffer(operand));
            body.append("  { const long y = (long) ").append(t).append("[x] * ").append(c).append(";\n  ");
            loop(c, v + "[k] = " + b + "[y + k];");
            body.append("  }\n");
        }

        /** y(x) = Σ_o M_o h(x + δ_o), M_o the rows × cols weights of offset o (transposed: their transpose). */
        private void conv(Conv conv, String v) {
            int rows = conv.rows();
            int cols = conv.cols();
            int in = conv.transposed() ? rows : cols;
            int out = conv.transposed() ? cols : rows;
            int[][] offsetTables = tables.offsets(conv);
            String h = arg(operandBuffer(conv.field()));
            body.append("  for (int r = 0; r < ").append(out).append("; r++) ").append(v).append("[r] = 0;\n");
            for (int o = 0; o < offsetTables.length; o++) {
                String t = arg(table(List.of("offsets", java.util.Arrays.deepToString(conv.offsets()), o), offsetTables[o]));
                String weight = conv.transposed() ? "k * " + cols + " + r" : "r * " + cols + " + k";
                body.append("  { const long y = (long) ").append(t).append("[x] * ").append(in).append(";\n")
                        .append("    for (int r = 0; r < ").append(out).append("; r++) { double s = 0; for (int k = 0; k < ")
                        .append(in).append("; k++) s += ").append(ref(conv.weights().get(o), weight)).append(" * ")
                        .append(h).append("[y + k]; ").append(v).append("[r] += s; }\n  }\n");
            }
        }
    }

    /** Doubles as C literals that read back exactly. */
    private static String literals(double[] values) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            b.append(i > 0 ? ", " : "").append(OpenClHelpers.literal(values[i]));
        }
        return b.toString();
    }
}
