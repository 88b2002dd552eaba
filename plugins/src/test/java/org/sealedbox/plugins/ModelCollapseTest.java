package org.sealedbox.plugins;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.sealedbox.runtime.Outcome;

/**
 * Gerstgrasser et al. 2024 (arXiv:2404.01413) and Dohmatob et al. 2024 (arXiv:2402.07712): a linear model refitted
 * by least squares each generation on n fresh situations labelled by its predecessor (plus noise σ) has test error
 * growing linearly, ≈ (g + 1)·σ²d/(n − d − 1) at generation g, when data are replaced; when data accumulate it stays
 * below σ²d/(n − d − 1)·π²/6. Compared over 24 seeds with tolerances of three standard errors (plus 15% for the ±1
 * rather than Gaussian design the closed form assumes).
 */
class ModelCollapseTest {
    static final int D = 16, N = 64, GENERATIONS = 8, SEEDS = 24;
    static final double SIGMA = 0.5, PER_GENERATION = SIGMA * SIGMA * D / (N - D - 1.0);

    static double[] errors(String policy, long seed) {
        String text = """
                scenario "collapse" {
                  box { duration %d ticks  tick 1 year  seed %d }
                  world concepts { fields 1  width %d  human 0..0  human_noise %s }
                  agents lineage count 1 { model linear  pretrain least_squares samples %d  learner frozen }
                  judge keep = accept_all
                  each tick {
                    lineage proposes %d at fields 0..0 noise %s
                    keep selects into lineage.corpus
                  }
                  generation every 1 tick { lineage: corpus %s }
                  measure every 1 tick { error(human) }
                }
                """.formatted(GENERATIONS + 1, seed, D, SIGMA, N, N, SIGMA, policy);
        Outcome o = Boxes.run(text);
        double[] perTick = o.series("error(human)");
        // the measurement at tick t sees generation t − 1 (tick 0 and tick 1 both see generation 0)
        return Arrays.copyOfRange(perTick, 1, GENERATIONS + 2);
    }

    @Test
    void replacedDataCompoundErrorsLinearlyAndAccumulatedDataStayBounded() {
        double[][] replace = new double[SEEDS][], accumulate = new double[SEEDS][];
        for (int s = 0; s < SEEDS; s++) {
            replace[s] = errors("replace", 100 + s);
            accumulate[s] = errors("accumulate", 100 + s);
        }
        StringBuilder table = new StringBuilder("generation, closed form (replace), mean replace, mean accumulate\n");
        for (int g = 0; g <= GENERATIONS; g++) {
            table.append(String.format(java.util.Locale.ROOT, "%d, %.4f, %.4f, %.4f%n", g, (g + 1) * PER_GENERATION,
                    mean(column(replace, g)), mean(column(accumulate, g))));
        }
        System.out.print(table);
        for (int g = 0; g <= GENERATIONS; g++) {
            double closed = (g + 1) * PER_GENERATION;
            double[] at = column(replace, g);
            double mean = mean(at), se = sd(at) / Math.sqrt(SEEDS);
            assertEquals(closed, mean, 3 * se + 0.15 * closed, "replace, generation " + g + ": " + Arrays.toString(at));
        }
        double bound = PER_GENERATION * Math.PI * Math.PI / 6;
        for (int g = 0; g <= GENERATIONS; g++) {
            double[] at = column(accumulate, g);
            assertTrue(mean(at) < bound + 3 * sd(at) / Math.sqrt(SEEDS), "accumulate, generation " + g + ": " + mean(at) + " vs bound " + bound);
        }
        assertTrue(mean(column(replace, GENERATIONS)) > 5 * mean(column(accumulate, GENERATIONS)));
    }

    private static double[] column(double[][] rows, int g) {
        return Arrays.stream(rows).mapToDouble(r -> r[g]).toArray();
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElseThrow();
    }

    private static double sd(double[] v) {
        double m = mean(v);
        return Math.sqrt(Arrays.stream(v).map(x -> (x - m) * (x - m)).sum() / (v.length - 1));
    }
}
