package org.fthmc.dsl.jvm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Translates the site-by-site statements {@link JavaStepRenderer} writes for one site x into statements computing
 * {@link org.fthmc.math.VectorMath#SPECIES}' lanes of consecutive sites x, x + 1, … at once (the Vector API): a value
 * of the step becomes a {@code DoubleVector}, a read of memory a load (a gather for a neighbour table's sites or a
 * value of several components), a store a store or scatter, and globals stay scalars. Every operation is the
 * site-by-site one lane by lane in the same order, so each lane holds, bit for bit, what the scalar statements give for
 * its site (Java reassociates nothing; the functions are {@link org.fthmc.math.VectorMath}'s).
 *
 * <p>It takes the statements of steps whose values all live in scalar locals: definitions, neighbour-table indices,
 * stores, and expressions of sums, differences, products, quotients, negations, literals and the DSL's functions;
 * anything else (loops, helper calls, comparisons, scratch arrays) makes {@link #translate} decline the step, which
 * then runs site by site.
 */
final class VectorStatements {
    private static final Pattern INDEX = Pattern.compile("final int (\\w+) = (t\\d+)\\[x\\] \\* (\\d+);");
    private static final Pattern DEFINE = Pattern.compile("final double (\\w+) = (.+);");
    private static final Pattern STORE = Pattern.compile("(a\\d+)\\[x \\* (\\d+) \\+ (\\d+)\\] = (.+);");
    private static final Pattern TOKEN = Pattern.compile("\\s*([A-Za-z_][\\w.]*|\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?|[-+*/()\\[\\]])");
    private static final String VECTOR = "jdk.incubator.vector.DoubleVector";
    private static final Map<String, String> FUNCTIONS = Map.of(
            "org.fthmc.math.Trig.sin", "sin", "org.fthmc.math.Trig.cos", "cos", "Math.exp", "exp", "Math.log", "log",
            "Math.log1p", "log1p", "Math.tanh", "tanh", "Math.atan", "atan", "Math.sqrt", "sqrt");

    /** A neighbour table times a value's components, for gathers: the name of the field holding it. */
    record ScaledTable(String table, int components) {
        String field() {
            return table + "x" + components;
        }
    }

    /** An expression and whether it is a vector (else a Java double). */
    private record Expr(String code, boolean vector) {
    }

    /** Thrown where a statement holds what this translation does not take. */
    private static final class Declined extends Exception {
        Declined(String what) {
            super(what, null, false, false);
        }
    }

    private final List<Statement> lines = new ArrayList<>();
    private final Map<String, ScaledTable> indices = new HashMap<>();
    private final Map<String, Boolean> vectorLocals = new HashMap<>();
    /** Memory reads of the current site vector: each loaded once into a local. */
    private final Map<String, String> loads = new HashMap<>();
    private final java.util.Set<Integer> strides = new java.util.TreeSet<>();
    private final Map<String, ScaledTable> scaledTables = new LinkedHashMap<>();
    private List<String> tokens;
    private int at;

    /** A vector statement: its code, the local it defines (or null), and the number of Vector API calls it makes. */
    record Statement(String code, String defines, int calls) {
    }

    /** The vector statements, the strides of their strided loads and stores, and the scaled tables their gathers use. */
    record Translation(List<Statement> lines, java.util.Set<Integer> strides, List<ScaledTable> scaledTables) {
    }

    /** The vector methods of a step: their source, how many, and the per-thread scratch arrays passing values between them. */
    record Methods(String source, int count, int scratch) {
    }

    private static final Pattern NAME = Pattern.compile("\\b(v\\d+_\\w+|m\\d+)\\b");

    /**
     * Cuts the statements into methods {@code vector0, vector1, …} of at most about {@code budget} Vector API calls
     * each, run one after another over a chunk of sites whose length is a whole number of vectors: HotSpot inlines
     * a bounded amount of code into one compiled method, and a Vector API operation is intrinsified only where it was
     * inlined (larger methods ran far slower than the site-by-site loop). A value one method defines and a later one
     * reads passes through a per-thread scratch array, one lane per site of the chunk.
     */
    static Methods methods(Translation t, java.util.Collection<String> preamble, int budget) {
        List<List<Statement>> groups = new ArrayList<>();
        int used = 0;
        for (Statement st : t.lines()) {
            if (groups.isEmpty() || (used > 0 && used + st.calls() > budget)) {
                groups.add(new ArrayList<>());
                used = 0;
            }
            groups.getLast().add(st);
            used += st.calls();
        }
        Map<String, Integer> groupOf = new HashMap<>();
        for (int g = 0; g < groups.size(); g++) {
            for (Statement st : groups.get(g)) {
                if (st.defines() != null) {
                    groupOf.put(st.defines(), g);
                }
            }
        }
        Map<String, Integer> scratchOf = new LinkedHashMap<>();
        List<java.util.Set<String>> reads = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            java.util.Set<String> crossing = new java.util.TreeSet<>();
            for (Statement st : groups.get(g)) {
                Matcher m = NAME.matcher(st.code());
                while (m.find()) {
                    Integer defined = groupOf.get(m.group(1));
                    if (defined != null && defined < g) {
                        crossing.add(m.group(1));
                        scratchOf.computeIfAbsent(m.group(1), k -> scratchOf.size());
                    }
                }
            }
            reads.add(crossing);
        }
        StringBuilder source = new StringBuilder();
        for (int g = 0; g < groups.size(); g++) {
            java.util.Set<String> used2 = new java.util.HashSet<>();
            for (Statement st : groups.get(g)) {
                Matcher m = NAME.matcher(st.code());
                while (m.find()) {
                    used2.add(m.group(1));
                }
            }
            source.append("    private void vector").append(g)
                    .append("(final int from, final int to, final double[][] a, final double[][] sv) {\n");
            preamble.forEach(line -> source.append("        ").append(line).append('\n'));
            t.scaledTables().forEach(table -> source.append("        final int[] ").append(table.field()).append(" = this.")
                    .append(table.field()).append(";\n"));
            source.append("        for (int x = from; x < to; x += S.length()) {\n            final int r = x - from;\n");
            for (String name : reads.get(g)) {
                source.append("            final ").append(VECTOR).append(' ').append(name).append(" = ").append(VECTOR)
                        .append(".fromArray(S, sv[").append(scratchOf.get(name)).append("], r);\n");
            }
            for (Statement st : groups.get(g)) {
                source.append("            ").append(st.code()).append('\n');
                if (st.defines() != null && scratchOf.containsKey(st.defines())) {
                    source.append("            ").append(st.defines()).append(".intoArray(sv[")
                            .append(scratchOf.get(st.defines())).append("], r);\n");
                }
            }
            source.append("        }\n    }\n\n");
        }
        return new Methods(source.toString(), groups.size(), scratchOf.size());
    }

    private VectorStatements() {
    }

    /** The vector form of the site-by-site statements, or null where one of them is beyond this translation. */
    static Translation translate(List<String> statements) {
        VectorStatements v = new VectorStatements();
        try {
            for (String s : statements) {
                v.statement(s.strip());
            }
        } catch (Declined e) {
            return null;
        }
        return new Translation(List.copyOf(v.lines), java.util.Set.copyOf(v.strides), List.copyOf(v.scaledTables.values()));
    }

    private void statement(String s) throws Declined {
        Matcher m;
        if ((m = INDEX.matcher(s)).matches()) {
            indices.put(m.group(1), new ScaledTable(m.group(2), Integer.parseInt(m.group(3))));
        } else if ((m = DEFINE.matcher(s)).matches()) {
            Expr e = vector(expression(m.group(2)));
            vectorLocals.put(m.group(1), true);
            lines.add(new Statement("final " + VECTOR + " " + m.group(1) + " = " + e.code() + ";", m.group(1), calls(e.code())));
        } else if ((m = STORE.matcher(s)).matches()) {
            String value = vector(expression(m.group(4))).code();
            int c = Integer.parseInt(m.group(2));
            String k = m.group(3);
            String code;
            if (c == 1) {
                code = value + ".intoArray(" + m.group(1) + ", x + " + k + ");";
            } else {
                strides.add(c);
                code = value + ".intoArray(" + m.group(1) + ", x * " + c + " + " + k + ", STRIDE" + c + ", 0);";
            }
            lines.add(new Statement(code, null, calls(code)));
        } else {
            throw new Declined(s);
        }
    }

    // ---- expressions: recursive descent over the scalar renderer's Java -------------------------------------------

    private Expr expression(String code) throws Declined {
        tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(code);
        int end = 0;
        while (m.lookingAt()) {
            tokens.add(m.group(1));
            end = m.end();
            m.region(end, code.length());
        }
        if (!code.substring(end).isBlank()) {
            throw new Declined(code);
        }
        at = 0;
        Expr e = sum();
        if (at != tokens.size()) {
            throw new Declined(code);
        }
        return e;
    }

    private String peek() {
        return at < tokens.size() ? tokens.get(at) : "";
    }

    private void expect(String token) throws Declined {
        if (!peek().equals(token)) {
            throw new Declined("expected " + token + " at " + peek());
        }
        at++;
    }

    private Expr sum() throws Declined {
        Expr left = product();
        while (peek().equals("+") || peek().equals("-")) {
            String op = tokens.get(at++);
            left = binary(left, op, product());
        }
        return left;
    }

    private Expr product() throws Declined {
        Expr left = unary();
        while (peek().equals("*") || peek().equals("/")) {
            String op = tokens.get(at++);
            left = binary(left, op, unary());
        }
        return left;
    }

    private Expr unary() throws Declined {
        if (peek().equals("-")) {
            at++;
            Expr e = unary();
            return e.vector() ? new Expr(e.code() + ".neg()", true) : new Expr("(-" + e.code() + ")", false);
        }
        return primary();
    }

    private Expr primary() throws Declined {
        String t = peek();
        at++;
        if (t.equals("(")) {
            Expr e = sum();
            expect(")");
            return e;
        }
        if (Character.isDigit(t.charAt(0))) {
            return new Expr(t, false);
        }
        if (!Character.isLetter(t.charAt(0)) && t.charAt(0) != '_') {
            throw new Declined(t);
        }
        if (peek().equals("(")) {
            return call(t);
        }
        if (peek().equals("[")) {
            return read(t);
        }
        Boolean vector = vectorLocals.get(t);
        // hoisted globals (gN_k) are scalars; a name neither defined here nor a global is beyond this translation
        if (vector == null && !t.matches("g\\d+_\\d+")) {
            throw new Declined(t);
        }
        return new Expr(t, vector != null && vector);
    }

    private Expr call(String function) throws Declined {
        String name = FUNCTIONS.get(function);
        if (name == null) {
            throw new Declined(function);
        }
        expect("(");
        Expr x = sum();
        expect(")");
        return x.vector() ? new Expr("org.fthmc.math.VectorMath." + name + "(" + x.code() + ")", true)
                : new Expr(function + "(" + x.code() + ")", false);
    }

    /** array[index]: at x (x * c + k), at a neighbour (y + k, y a table index), or a global's component (k). */
    private Expr read(String array) throws Declined {
        expect("[");
        List<String> index = new ArrayList<>();
        while (!peek().equals("]")) {
            if (peek().isEmpty()) {
                throw new Declined(array);
            }
            index.add(tokens.get(at++));
        }
        at++;
        String load;
        if (index.size() == 1 && index.getFirst().matches("\\d+")) {
            return new Expr(array + "[" + index.getFirst() + "]", false);
        } else if (index.size() == 5 && index.get(0).equals("x") && index.get(1).equals("*") && index.get(3).equals("+")) {
            int c = Integer.parseInt(index.get(2));
            String k = index.get(4);
            if (c == 1) {
                load = VECTOR + ".fromArray(S, " + array + ", x + " + k + ")";
            } else {
                strides.add(c);
                load = VECTOR + ".fromArray(S, " + array + ", x * " + c + " + " + k + ", STRIDE" + c + ", 0)";
            }
        } else if (index.size() == 3 && indices.containsKey(index.get(0)) && index.get(1).equals("+")) {
            ScaledTable table = indices.get(index.get(0));
            String map = table.table();
            if (table.components() != 1) {
                scaledTables.put(table.field(), table);
                map = table.field();
            }
            load = VECTOR + ".fromArray(S, " + array + ", " + index.get(2) + ", " + map + ", x)";
        } else {
            throw new Declined(array + index);
        }
        String local = loads.computeIfAbsent(load, l -> {
            String name = "m" + loads.size();
            vectorLocals.put(name, true);
            lines.add(new Statement("final " + VECTOR + " " + name + " = " + l + ";", name, GATHER_CALLS));
            return name;
        });
        return new Expr(local, true);
    }

    /** A gather or strided load counts as this many calls: its index checks inline several more methods. */
    private static final int GATHER_CALLS = 4;

    /** The expression as a vector: scalars broadcast. */
    private static Expr vector(Expr e) {
        return e.vector() ? e : new Expr(VECTOR + ".broadcast(S, (double) " + e.code() + ")", true);
    }

    /** The Vector API calls of a statement (its opening parentheses after a name). */
    private static int calls(String code) {
        int n = 0;
        for (int i = code.indexOf('('); i >= 0; i = code.indexOf('(', i + 1)) {
            if (i > 0 && Character.isLetterOrDigit(code.charAt(i - 1))) {
                n++;
            }
        }
        return n;
    }

    /** l op r in Java's order: scalars as Java doubles, a scalar beside a vector broadcast (sums and products commute). */
    private static Expr binary(Expr l, String op, Expr r) {
        if (!l.vector() && !r.vector()) {
            return new Expr("(" + l.code() + " " + op + " " + r.code() + ")", false);
        }
        String method = switch (op) {
            case "+" -> "add";
            case "-" -> "sub";
            case "*" -> "mul";
            default -> "div";
        };
        if (l.vector()) {
            return new Expr(l.code() + "." + method + "(" + r.code() + ")", true);
        }
        if (op.equals("+") || op.equals("*")) {
            return new Expr(r.code() + "." + method + "(" + l.code() + ")", true);
        }
        return new Expr(VECTOR + ".broadcast(S, (double) " + l.code() + ")." + method + "(" + r.code() + ")", true);
    }
}
