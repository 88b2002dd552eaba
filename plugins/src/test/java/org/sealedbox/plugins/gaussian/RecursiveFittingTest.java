package org.sealedbox.plugins.gaussian;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.sealedbox.plugins.Boxes;
import org.sealedbox.runtime.Outcome;

/**
 * Shumailov et al. 2024 (Nature 631): a normal distribution refitted by maximum likelihood to M of its own draws each
 * generation collapses. Each fit multiplies the variance by χ²_{M−1}/M, so after g fits
 * E[log σ̂²/σ²] = g·(ψ((M−1)/2) + log(2/M)) with variance g·ψ′((M−1)/2) — compared over many seeds within three
 * standard errors. A fifth of fresh real data in every generation stops the collapse.
 */
class RecursiveFittingTest {
    static final int M = 20, FITS = 31, SEEDS = 80; // generation 0 is the first fit; measured after the 31st

    static double logVariance(String fresh, long seed) {
        int own = fresh.isEmpty() ? M : M * 4 / 5;
        String text = """
                scenario "recursive" {
                  box { duration %d ticks  tick 1 year  seed %d }
                  world gaussian { mean 0  sd 1 }
                  agents lineage count 1 { model gaussian  pretrain gaussian_fit samples %d  learner frozen }
                  judge keep = accept_all
                  each tick {
                    lineage proposes %d at fields 0..0
                    keep selects into lineage.corpus
                  }
                  generation every 1 tick { lineage: corpus replace %s }
                  measure every 1 tick { variance }
                }
                """.formatted(FITS, seed, M, own, fresh);
        Outcome o = Boxes.run(text);
        // the measurement at tick t sees generation t − 1, fitted t times: the last sees the 31st fit
        return Math.log(o.end("variance"));
    }

    @Test
    void theFittedVarianceCollapsesAsTheClosedFormSays() {
        double[] logs = new double[SEEDS];
        for (int s = 0; s < SEEDS; s++) logs[s] = logVariance("", 500 + s);
        double expected = FITS * (digamma((M - 1) / 2.0) + Math.log(2.0 / M));
        double sd = Math.sqrt(FITS * trigamma((M - 1) / 2.0));
        double mean = Arrays.stream(logs).average().orElseThrow();
        assertEquals(expected, mean, 3 * sd / Math.sqrt(SEEDS), "E[log σ̂²] after " + FITS + " fits; seeds: " + Arrays.toString(logs));
        assertTrue(mean < -2, "collapsing: " + mean);
    }

    @Test
    void freshRealDataStopsTheCollapse() {
        double[] logs = new double[20];
        for (int s = 0; s < logs.length; s++) logs[s] = logVariance("fresh 0.2", 700 + s);
        double mean = Arrays.stream(logs).average().orElseThrow();
        assertTrue(mean > -0.6, "with a fifth of real data the variance stays near the real one: " + Arrays.toString(logs));
    }

    /** ψ(x), by recurrence up to x ≥ 6 and the asymptotic series. */
    static double digamma(double x) {
        double shift = 0;
        while (x < 6) {
            shift -= 1 / x;
            x += 1;
        }
        double f = 1 / (x * x);
        return shift + Math.log(x) - 0.5 / x - f * (1.0 / 12 - f * (1.0 / 120 - f * (1.0 / 252 - f * (1.0 / 240 - f / 132))));
    }

    /** ψ′(x), likewise. */
    static double trigamma(double x) {
        double shift = 0;
        while (x < 6) {
            shift += 1 / (x * x);
            x += 1;
        }
        double f = 1 / (x * x);
        return shift + 1 / x + f / 2 + (1 / (x * x * x)) * (1.0 / 6 - f * (1.0 / 30 - f * (1.0 / 42 - f / 30)));
    }

    @Test
    void specialFunctionsAreRight() {
        assertEquals(-0.5772156649, digamma(1), 1e-9);
        assertEquals(Math.PI * Math.PI / 6, trigamma(1), 1e-9);
    }
}
