package org.fthmc.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages of the main sources (framework, plugins, gpu-kernels) depend on each other without a cycle, so each
 * can be understood, tested and replaced from the bottom up. A dependency is any mention of a class of another
 * package, imported or fully qualified.
 */
class PackageGraphTest {
    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern REFERENCE = Pattern.compile("\\b(org\\.fthmc(?:\\.[a-z]\\w*)*)\\.[A-Z]\\w*");

    static Map<String, Set<String>> graph() throws IOException {
        Path root = Path.of("").toAbsolutePath();
        while (!Files.exists(root.resolve("README.md"))) {
            root = root.getParent();
        }
        Map<String, Set<String>> edges = new TreeMap<>();
        for (String module : List.of("framework", "plugins", "gpu-kernels")) {
            try (Stream<Path> files = Files.walk(root.resolve(module).resolve("src/main/java"))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    String source = Files.readString(f);
                    Matcher p = PACKAGE.matcher(source);
                    assertTrue(p.find(), f + " has no package");
                    String from = p.group(1);
                    Set<String> to = edges.computeIfAbsent(from, k -> new TreeSet<>());
                    Matcher r = REFERENCE.matcher(source);
                    while (r.find()) {
                        if (!r.group(1).equals(from)) {
                            to.add(r.group(1));
                        }
                    }
                }
            }
        }
        return edges;
    }

    @Test
    void thePackageGraphHasNoCycle() throws IOException {
        Map<String, Set<String>> edges = graph();
        assertTrue(edges.size() > 20, "too few packages found: " + edges.keySet());
        List<List<String>> cycles = stronglyConnected(edges).stream().filter(c -> c.size() > 1).toList();
        assertEquals(List.of(), cycles, "packages that depend on each other in a ring");
    }

    /** Tarjan's strongly connected components. */
    private static List<List<String>> stronglyConnected(Map<String, Set<String>> edges) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        List<List<String>> components = new ArrayList<>();
        for (String v : edges.keySet()) {
            if (!index.containsKey(v)) {
                visit(v, edges, index, low, stack, components);
            }
        }
        return components;
    }

    private static void visit(String v, Map<String, Set<String>> edges, Map<String, Integer> index, Map<String, Integer> low,
                              Deque<String> stack, List<List<String>> components) {
        index.put(v, index.size());
        low.put(v, index.get(v));
        stack.push(v);
        for (String w : edges.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                visit(w, edges, index, low, stack, components);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (stack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            List<String> component = new ArrayList<>();
            String w;
            do {
                w = stack.pop();
                component.add(w);
            } while (!w.equals(v));
            components.add(component.stream().sorted().toList());
        }
    }
}
