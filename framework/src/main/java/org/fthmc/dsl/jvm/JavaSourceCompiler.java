package org.fthmc.dsl.jvm;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.lang.classfile.Attributes;
import java.lang.classfile.ClassFile;
import java.lang.classfile.MethodModel;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.fthmc.dsl.DslException;
import org.fthmc.dsl.StepCompiler;

/**
 * Compiles rendered kernel sources in-process with the JDK's compiler (javax.tools), in memory, and loads them.
 * Classes are cached by their source (with the class name left out), so graphs of the same shape, such as the
 * layers of a chain, compile once per process. With the system property {@value #DUMP_PROPERTY} set to a directory,
 * every compiled source is also written there (for reading and profiling generated kernels).
 */
final class JavaSourceCompiler {
    private static final String PACKAGE = "org.fthmc.generated";
    /** The system property naming a directory to write compiled kernel sources to. */
    static final String DUMP_PROPERTY = "fthmc.kernels.dump";
    private static final Map<String, Loaded> CACHE = new ConcurrentHashMap<>();
    private static final AtomicLong NAMES = new AtomicLong();
    private static final AtomicLong NANOS = new AtomicLong();
    private static final AtomicLong COMPILED = new AtomicLong();

    /** A compiled kernel class and the largest method's bytecode length. */
    record Loaded(Class<? extends StepCompiler.SiteLoop> type, int largestMethod) {
    }

    private JavaSourceCompiler() {
    }

    /** Nanoseconds spent in the compiler, and classes compiled, since the process started (for benchmarks). */
    static long nanos() {
        return NANOS.get();
    }

    static long compiled() {
        return COMPILED.get();
    }

    /** The classes of the sources (rendered with {@link JavaStepRenderer#NAME} as the class name), in order. */
    static synchronized List<Loaded> load(List<String> sources) {
        Map<String, String> pending = new HashMap<>();
        for (String source : sources) {
            if (!CACHE.containsKey(source) && !pending.containsKey(source)) {
                pending.put(source, "Kernel" + NAMES.incrementAndGet());
            }
        }
        if (!pending.isEmpty()) {
            long start = System.nanoTime();
            Map<String, byte[]> bytes = compile(pending);
            ClassLoader loader = new ClassLoader(StepCompiler.class.getClassLoader()) {
                @Override
                protected Class<?> findClass(String name) throws ClassNotFoundException {
                    byte[] b = bytes.get(name);
                    if (b == null) {
                        throw new ClassNotFoundException(name);
                    }
                    return defineClass(name, b, 0, b.length);
                }
            };
            for (var e : pending.entrySet()) {
                String name = PACKAGE + "." + e.getValue();
                try {
                    Class<? extends StepCompiler.SiteLoop> type = loader.loadClass(name).asSubclass(StepCompiler.SiteLoop.class);
                    CACHE.put(e.getKey(), new Loaded(type, largestMethod(bytes.get(name))));
                } catch (ClassNotFoundException ex) {
                    throw new IllegalStateException("compiled kernel " + name + " did not load", ex);
                }
            }
            NANOS.addAndGet(System.nanoTime() - start);
            COMPILED.addAndGet(pending.size());
        }
        return sources.stream().map(CACHE::get).toList();
    }

    private static int largestMethod(byte[] classBytes) {
        int largest = 0;
        for (MethodModel m : ClassFile.of().parse(classBytes).methods()) {
            largest = Math.max(largest, m.findAttribute(Attributes.code()).map(c -> c.codeLength()).orElse(0));
        }
        return largest;
    }

    private static Map<String, byte[]> compile(Map<String, String> pending) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new DslException("backend cpu compiles DSL graphs with the JDK's compiler, which this Java runtime "
                    + "lacks; run on a JDK, or choose backend.type = interpret");
        }
        List<JavaFileObject> units = new ArrayList<>();
        for (var e : pending.entrySet()) {
            String source = "package " + PACKAGE + ";\n\n" + e.getKey().replace(JavaStepRenderer.NAME, e.getValue());
            dump(e.getValue(), source);
            units.add(new SimpleJavaFileObject(URI.create("string:///" + e.getValue() + ".java"), JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return source;
                }
            });
        }
        Map<String, ByteArrayOutputStream> out = new HashMap<>();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager standard = javac.getStandardFileManager(diagnostics, null, null)) {
            var files = new ForwardingJavaFileManager<>(standard) {
                @Override
                public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                           FileObject sibling) {
                    return new SimpleJavaFileObject(URI.create("bytes:///" + className.replace('.', '/') + ".class"), kind) {
                        @Override
                        public OutputStream openOutputStream() {
                            return out.computeIfAbsent(className, k -> new ByteArrayOutputStream());
                        }
                    };
                }
            };
            List<String> options = List.of("-classpath", frameworkLocation(), "-proc:none", "-g:none", "-nowarn");
            boolean ok = javac.getTask(null, files, diagnostics, options, null, units).call();
            if (!ok) {
                StringBuilder message = new StringBuilder("compiling a DSL kernel failed (a bug of the JVM backend):");
                for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                    message.append('\n').append(d.getSource() == null ? "" : d.getSource().getName()).append(':')
                            .append(d.getLineNumber()).append(": ").append(d.getMessage(null));
                }
                throw new IllegalStateException(message.toString());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Map<String, byte[]> bytes = new HashMap<>();
        out.forEach((name, stream) -> bytes.put(name, stream.toByteArray()));
        return bytes;
    }

    private static void dump(String name, String source) {
        String directory = System.getProperty(DUMP_PROPERTY);
        if (directory != null) {
            try {
                Path dir = Files.createDirectories(Path.of(directory));
                Files.writeString(dir.resolve(name + ".java"), source);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot write kernel source to " + directory, e);
            }
        }
    }

    /** Where the framework's classes are, for the generated sources' references to them. */
    private static String frameworkLocation() {
        try {
            return Path.of(StepCompiler.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
