package org.sealedbox.plugins.concepts;

import java.util.ArrayList;
import java.util.List;
import org.sealedbox.dsl.schema.Choice;

/**
 * The prerequisite structure of a {@code concepts} world, in plain Java (no tensors), so that stability
 * checks can use it at validate time. Fields are numbered so that prerequisites come first.
 *
 * <p>A situation of field f activates block f with amplitude 1 and each of its ancestors (prerequisites,
 * transitively) at h hops with amplitude α^h: getting f right needs every ancestor right.
 */
final class Structure {
    final int fields;
    /** parents.get(f): the direct prerequisites of f. */
    final List<List<Integer>> parents = new ArrayList<>();
    /** amplitude[f][b] = α^hops(f, b) for b = f or an ancestor of f, else 0. */
    final double[][] amplitude;

    Structure(int fields, Choice prerequisites, double alpha) {
        this(fields, prerequisites, alpha, 1);
    }

    /**
     * @param structureSeed seeds {@code random(p)}: the structure is part of the world's definition, the same for
     *                      every run seed, so that it is known (and checked) before any run
     */
    Structure(int fields, Choice prerequisites, double alpha, long structureSeed) {
        this.fields = fields;
        java.util.SplittableRandom random = new java.util.SplittableRandom(structureSeed);
        for (int f = 0; f < fields; f++) {
            List<Integer> ps = new ArrayList<>();
            if (f > 0) {
                switch (prerequisites.name()) {
                    case "chain" -> ps.add(f - 1);
                    case "tree" -> ps.add((int) ((f - 1) / ((Number) prerequisites.argument()).longValue()));
                    case "random" -> {
                        double p = ((Number) prerequisites.argument()).doubleValue();
                        for (int g = 0; g < f; g++) if (random.nextDouble() < p) ps.add(g);
                    }
                    case "none" -> { }
                    default -> throw new IllegalArgumentException("prerequisites " + prerequisites);
                }
            }
            parents.add(ps);
        }
        amplitude = new double[fields][fields];
        for (int f = 0; f < fields; f++) {
            // breadth-first over ancestors: the first visit is the fewest hops
            int[] hops = new int[fields];
            java.util.Arrays.fill(hops, -1);
            java.util.ArrayDeque<Integer> queue = new java.util.ArrayDeque<>();
            hops[f] = 0;
            queue.add(f);
            while (!queue.isEmpty()) {
                int g = queue.poll();
                for (int p : parents.get(g)) {
                    if (hops[p] < 0) {
                        hops[p] = hops[g] + 1;
                        queue.add(p);
                    }
                }
            }
            for (int b = 0; b < fields; b++) amplitude[f][b] = hops[b] < 0 ? 0 : Math.pow(alpha, hops[b]);
        }
    }

    /** E‖x‖² of a situation of field f, with ±1 entries scaled by amplitude, {@code width} entries a block. */
    double energy(int f, int width) {
        double e = 0;
        for (double a : amplitude[f]) e += a * a;
        return e * width;
    }

    double maxEnergy(int width) {
        double m = 0;
        for (int f = 0; f < fields; f++) m = Math.max(m, energy(f, width));
        return m;
    }
}
