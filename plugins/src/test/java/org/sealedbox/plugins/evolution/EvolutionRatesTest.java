package org.sealedbox.plugins.evolution;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.sealedbox.plugins.Boxes;
import org.sealedbox.runtime.Outcome;

/**
 * MacKay, Information Theory, Inference, and Learning Algorithms, ch. 19: under truncation selection (the best half)
 * with mutation, a population without sex gains of the order of one bit per generation, whatever the genome length G;
 * with uniform recombination it gains of the order of √G — about η·√(G·f(1 − f)) bits at fitness share f, η ≈ 0.8.
 * Rates are measured between generations 10 and 20 (after the initial variety is used up), averaged over 4 seeds;
 * the test fails if a direction or an order of magnitude is wrong.
 */
class EvolutionRatesTest {
    static final long[] SEEDS = {11, 12, 13, 14};

    /** {bits per generation between years 10 and 20, mean fitness share in that window}. */
    static double[] rate(int bits, boolean sex, long seed) {
        String text = """
                scenario "evolution" {
                  box { duration 20 ticks  tick 1 year  seed %d }
                  world genome { bits %d }
                  agents pop count 200 { model bits  pretrain none  learner evolution keep 0.5 mutation %s recombination %s  lifetime 1 year }
                  measure every 10 years { bits_per_generation accuracy(all) }
                }
                """.formatted(seed, bits, 1.0 / bits, sex ? "uniform" : "none");
        Outcome o = Boxes.run(text);
        double[] f = o.series("accuracy(all)");
        return new double[] {o.end("bits_per_generation"), (f[1] + f[2]) / 2};
    }

    static double[] mean(int bits, boolean sex) {
        double[][] runs = Arrays.stream(SEEDS).mapToObj(s -> rate(bits, sex, s)).toArray(double[][]::new);
        return new double[] {Arrays.stream(runs).mapToDouble(r -> r[0]).average().orElseThrow(),
                Arrays.stream(runs).mapToDouble(r -> r[1]).average().orElseThrow()};
    }

    @Test
    void withoutSexAboutOneBitAGenerationWithSexOfTheOrderOfRootG() {
        double[] asex100 = mean(100, false), asex400 = mean(400, false), sex100 = mean(100, true), sex400 = mean(400, true);
        String report = String.format(java.util.Locale.ROOT,
                "bits/generation (fitness share): no sex G=100 %.2f (%.2f), G=400 %.2f (%.2f); sex G=100 %.2f (%.2f), G=400 %.2f (%.2f)",
                asex100[0], asex100[1], asex400[0], asex400[1], sex100[0], sex100[1], sex400[0], sex400[1]);
        System.out.println(report);
        for (double[] a : new double[][] {asex100, asex400}) assertTrue(a[0] > 0.3 && a[0] < 3, "no sex: about a bit; " + report);
        for (double[] s : new double[][] {sex100, sex400}) {
            int g = s == sex100 ? 100 : 400;
            double mackay = 0.8 * Math.sqrt(g * s[1] * (1 - s[1]));
            assertTrue(s[0] > mackay / 3 && s[0] < mackay * 3, "sex at G=" + g + ": MacKay ≈ " + mackay + "; " + report);
        }
        // compared at equal fitness share: rate / √(f(1 − f)) should scale as √G
        double scaling = (sex400[0] / Math.sqrt(sex400[1] * (1 - sex400[1]))) / (sex100[0] / Math.sqrt(sex100[1] * (1 - sex100[1])));
        assertTrue(scaling > 1.3 && scaling < 3.5, "quadrupling G roughly doubles the rate with sex (√4 = 2): " + scaling + "; " + report);
        assertTrue(sex400[0] > 3 * asex400[0], report);
    }

    @Test
    void tournamentsSelectToo() {
        String text = """
                scenario "tournament" {
                  box { duration 30 ticks  tick 1 year  seed 5 }
                  world genome { bits 100 }
                  agents pop count 100 { model bits  pretrain none  learner evolution select tournament(4) mutation 0.01  lifetime 1 year }
                  measure every 10 years { accuracy(all) }
                }
                """;
        Outcome o = Boxes.run(text);
        assertTrue(o.end("accuracy(all)") > o.start("accuracy(all)") + 0.1, java.util.Arrays.toString(o.series("accuracy(all)")));
    }
}
