package org.fthmc.hmc;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.fthmc.spi.Integrator;
import org.fthmc.spi.MolecularDynamics;

/**
 * A multi-time-scale (Sexton–Weingarten) integrator: level 0 integrates the trajectory with its scheme, kicking
 * only its own force terms; every drift of level i is replaced by {@code steps} steps of level i + 1 over the same
 * time, and only the innermost level drifts the links. Each level is any time-reversible integrator, so the whole
 * is time-reversible and symplectic; its order is the lowest of the levels'. Terms that no level names go to the
 * innermost level.
 */
public final class NestedIntegrator implements Integrator {
    /** One time scale: its scheme, its steps per drift of the level above (unused for level 0), its force terms. */
    public record Level(Integrator scheme, int steps, List<String> terms) {
        public Level {
            if (steps < 1) {
                throw new IllegalArgumentException("a level needs at least one step, got " + steps);
            }
            terms = List.copyOf(terms);
        }
    }

    private final List<Level> levels;

    public NestedIntegrator(List<Level> levels) {
        if (levels.isEmpty()) {
            throw new IllegalArgumentException("a nested integrator needs at least one level");
        }
        Set<String> named = new LinkedHashSet<>();
        for (Level level : levels) {
            for (String term : level.terms()) {
                if (!named.add(term)) {
                    throw new IllegalArgumentException("force term '" + term + "' is on more than one level");
                }
            }
        }
        this.levels = List.copyOf(levels);
    }

    /** Every force term some level names explicitly. */
    public List<String> namedTerms() {
        return levels.stream().flatMap(l -> l.terms().stream()).toList();
    }

    @Override
    public void integrate(MolecularDynamics md, double tau, int steps) {
        List<String> unknown = new ArrayList<>(namedTerms());
        unknown.removeAll(md.forceTerms());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("force terms " + unknown + " are not terms of the action; its terms: " + md.forceTerms());
        }
        List<String> rest = new ArrayList<>(md.forceTerms());
        rest.removeAll(namedTerms());
        integrateLevel(0, md, rest, tau, steps);
    }

    private void integrateLevel(int index, MolecularDynamics md, List<String> rest, double tau, int steps) {
        Level level = levels.get(index);
        boolean innermost = index == levels.size() - 1;
        List<String> kicked = new ArrayList<>(level.terms());
        if (innermost) {
            kicked.addAll(rest);
        }
        level.scheme().integrate(new MolecularDynamics() {
            @Override
            public void kick(double eps) {
                for (String term : kicked) {
                    md.kick(term, eps);
                }
            }

            @Override
            public void drift(double eps) {
                if (innermost) {
                    md.drift(eps);
                } else {
                    integrateLevel(index + 1, md, rest, eps, levels.get(index + 1).steps());
                }
            }
        }, tau, steps);
    }

    /**
     * Kicks per trajectory, a kick of one level counted once however many terms it kicks (exact when each level
     * has one term); a level with no terms of its own, other than the innermost, kicks nothing and counts nothing.
     */
    @Override
    public int forceEvaluations(int steps) {
        return kicks(0, steps);
    }

    private int kicks(int index, int steps) {
        Level level = levels.get(index);
        boolean innermost = index == levels.size() - 1;
        int[] count = new int[1];
        level.scheme().integrate(new MolecularDynamics() {
            @Override
            public void kick(double eps) {
                count[0] += innermost || !level.terms().isEmpty() ? 1 : 0;
            }

            @Override
            public void drift(double eps) {
                count[0] += innermost ? 0 : kicks(index + 1, levels.get(index + 1).steps());
            }
        }, 1.0, steps);
        return count[0];
    }

    @Override
    public int order() {
        return levels.stream().mapToInt(l -> l.scheme().order()).min().orElseThrow();
    }
}
