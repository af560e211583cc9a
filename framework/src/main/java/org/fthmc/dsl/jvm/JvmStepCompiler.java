package org.fthmc.dsl.jvm;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.fthmc.dsl.Node;
import org.fthmc.dsl.Schedule;
import org.fthmc.dsl.SiteTables;
import org.fthmc.dsl.StepCompiler;

/**
 * The JVM backend's step compiler: renders every fused field step as a Java class ({@link JavaStepRenderer}),
 * compiles them in one in-process compiler call ({@link JavaSourceCompiler}, cached by source) and instantiates
 * them with the lattice's neighbour tables. A step whose largest method came out above HotSpot's limit for
 * compiling a method (8000 bytes of bytecode) is rendered again in smaller segments.
 *
 * <p>A step computing 3×3 or wider matrices is declined ({@link #INSTANCE}) and interpreted node by node: the chains
 * of matrix algebra of SU(N) actions and stout layers ran slower compiled than interpreted (the DSL-derived DBW2
 * force on 8³×16 150 against 106 ms, the 8-slice {@code sun-masked-stout} S_FT force 5 against 2.6 s). Their segments
 * are sequences of 18-component copies, loops and 3×3 products, which HotSpot's optimising compiler expands into graphs
 * beyond its node limit ("out of nodes", leaving them to the slow first tier) or compiles for seconds each, while the
 * interpreter's per-node loops over matrices are few, shared by every graph and compiled once. Fusion pays where the
 * nodes are small: real and complex scalars, narrow networks and convolutions (U(1) layers, coefficient networks).
 */
public final class JvmStepCompiler implements StepCompiler {
    /** The instance the {@code cpu} backend uses: matrix steps interpreted (compiled classes are cached process-wide). */
    public static final JvmStepCompiler INSTANCE = new JvmStepCompiler(true);
    /** Characters of source per segment method at first (about two characters per byte of bytecode). */
    static final int BUDGET = 12_000;
    /** HotSpot's default HugeMethodLimit: larger methods stay interpreted. */
    private static final int HUGE_METHOD = 8000;

    private final boolean interpretMatrixSteps;

    /** A compiler of every field step, or (interpretMatrixSteps) of those computing no 3×3 or wider matrix. */
    JvmStepCompiler(boolean interpretMatrixSteps) {
        this.interpretMatrixSteps = interpretMatrixSteps;
    }

    /** Whether the step is declined: it computes a 3×3 or wider matrix, and this compiler leaves those alone. */
    private boolean declines(List<Node> step) {
        return interpretMatrixSteps && step.stream()
                .anyMatch(n -> n.type().kind() == org.fthmc.dsl.Type.Kind.MATRIX && n.type().n() >= 3);
    }

    /** Nanoseconds spent compiling kernels in this process, and the number of kernel classes compiled. */
    public static long compileNanos() {
        return JavaSourceCompiler.nanos();
    }

    public static long kernelsCompiled() {
        return JavaSourceCompiler.compiled();
    }

    @Override
    public List<CompiledStep> compile(Schedule schedule, SiteTables sites, List<List<Node>> fieldSteps, Set<Node> stored) {
        List<JavaStepRenderer.Rendered> rendered = new ArrayList<>();
        for (List<Node> step : fieldSteps) {
            rendered.add(declines(step) ? null : JavaStepRenderer.render(sites, step, stored, BUDGET));
        }
        List<Integer> kept = java.util.stream.IntStream.range(0, rendered.size()).filter(i -> rendered.get(i) != null).boxed().toList();
        List<JavaSourceCompiler.Loaded> compiled = JavaSourceCompiler.load(kept.stream().map(i -> rendered.get(i).source()).toList());
        List<JavaSourceCompiler.Loaded> loaded = new ArrayList<>(java.util.Collections.nCopies(rendered.size(), null));
        for (int j = 0; j < kept.size(); j++) {
            int i = kept.get(j);
            loaded.set(i, compiled.get(j));
            for (int budget = BUDGET / 2; loaded.get(i).largestMethod() > HUGE_METHOD && budget >= 1000; budget /= 2) {
                rendered.set(i, JavaStepRenderer.render(sites, fieldSteps.get(i), stored, budget));
                loaded.set(i, JavaSourceCompiler.load(List.of(rendered.get(i).source())).getFirst());
            }
        }
        List<CompiledStep> steps = new ArrayList<>();
        for (int i = 0; i < rendered.size(); i++) {
            JavaStepRenderer.Rendered r = rendered.get(i);
            if (r == null) {
                steps.add(null); // declined: the graph interprets this step
                continue;
            }
            try {
                SiteLoop loop = loaded.get(i).type().getConstructor(int[][].class)
                        .newInstance((Object) r.tables().toArray(int[][]::new));
                steps.add(new CompiledStep(loop, r.arrays()));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("a compiled DSL kernel did not instantiate", e);
            }
        }
        return steps;
    }
}
