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
 * <p>A step whose source exceeds {@link #MAX_SOURCE} characters is declined and interpreted node by node. Such steps
 * are the long chains of 3×3 matrix algebra of SU(N) stout layers and their derivatives (hundreds of kilobytes of
 * source): HotSpot's optimising compiler needs seconds per segment for them and gives up on some ("out of nodes"),
 * so they ran two to three times slower than the interpreter, whose per-node loops over matrices are few, shared and
 * compiled once. Fusion pays where nodes are small (real and complex scalars, convolutions of a few channels).
 */
public final class JvmStepCompiler implements StepCompiler {
    /** Characters of source above which a step is interpreted instead (see the class comment). */
    static final int MAX_SOURCE = 100_000;
    /** The instance the {@code cpu} backend uses (compiled classes are cached process-wide). */
    public static final JvmStepCompiler INSTANCE = new JvmStepCompiler(MAX_SOURCE);
    /** Characters of source per segment method at first (about two characters per byte of bytecode). */
    static final int BUDGET = 12_000;
    /** HotSpot's default HugeMethodLimit: larger methods stay interpreted. */
    private static final int HUGE_METHOD = 8000;

    private final int maxSource;

    /** A compiler declining steps of more than {@code maxSource} characters of source. */
    JvmStepCompiler(int maxSource) {
        this.maxSource = maxSource;
    }

    /** Nanoseconds spent compiling kernels in this process, and the number of kernel classes compiled. */
    public static long compileNanos() {
        return JavaSourceCompiler.nanos();
    }

    public static long kernelsCompiled() {
        return JavaSourceCompiler.compiled();
    }

    @Override
    public List<CompiledStep> compile(Schedule schedule, List<List<Node>> fieldSteps, Set<Node> stored) {
        SiteTables sites = new SiteTables(schedule.lattice());
        List<JavaStepRenderer.Rendered> rendered = new ArrayList<>();
        List<Integer> kept = new ArrayList<>();
        for (List<Node> step : fieldSteps) {
            JavaStepRenderer.Rendered r = JavaStepRenderer.render(sites, step, stored, BUDGET);
            if (r.source().length() <= maxSource) {
                kept.add(rendered.size());
            }
            rendered.add(r);
        }
        List<JavaSourceCompiler.Loaded> loaded = new ArrayList<>(java.util.Collections.nCopies(rendered.size(), null));
        List<JavaSourceCompiler.Loaded> compiled = JavaSourceCompiler.load(kept.stream().map(i -> rendered.get(i).source()).toList());
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
            if (loaded.get(i) == null) {
                steps.add(null);
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
