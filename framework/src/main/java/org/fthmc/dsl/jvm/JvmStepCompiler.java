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
 */
public final class JvmStepCompiler implements StepCompiler {
    /** The one instance (stateless; compiled classes are cached process-wide). */
    public static final JvmStepCompiler INSTANCE = new JvmStepCompiler();
    /** Characters of source per segment method at first (about two characters per byte of bytecode). */
    static final int BUDGET = 12_000;
    /** HotSpot's default HugeMethodLimit: larger methods stay interpreted. */
    private static final int HUGE_METHOD = 8000;

    private JvmStepCompiler() {
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
        for (List<Node> step : fieldSteps) {
            rendered.add(JavaStepRenderer.render(sites, step, stored, BUDGET));
        }
        List<JavaSourceCompiler.Loaded> loaded = new ArrayList<>(
                JavaSourceCompiler.load(rendered.stream().map(JavaStepRenderer.Rendered::source).toList()));
        for (int i = 0; i < rendered.size(); i++) {
            for (int budget = BUDGET / 2; loaded.get(i).largestMethod() > HUGE_METHOD && budget >= 1000; budget /= 2) {
                rendered.set(i, JavaStepRenderer.render(sites, fieldSteps.get(i), stored, budget));
                loaded.set(i, JavaSourceCompiler.load(List.of(rendered.get(i).source())).getFirst());
            }
        }
        List<CompiledStep> steps = new ArrayList<>();
        for (int i = 0; i < rendered.size(); i++) {
            JavaStepRenderer.Rendered r = rendered.get(i);
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
