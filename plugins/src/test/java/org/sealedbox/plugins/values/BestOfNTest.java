package org.sealedbox.plugins.values;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sealedbox.dsl.ir.TickStatement;
import org.sealedbox.plugins.Boxes;
import org.sealedbox.plugins.judges.BestOf;
import org.sealedbox.runtime.box.Box;
import org.sealedbox.runtime.spi.Judge;
import org.sealedbox.runtime.spi.Proposals;
import org.sealedbox.runtime.spi.Scratch;

/**
 * Best-of-n selection against a proxy (Stiennon et al. 2020; Gao, Schulman & Hilton 2023, arXiv:2210.10760).
 * Everything here goes through the {@code best_of} judge as a scenario uses it: agents pretrained on human data propose,
 * the judge samples n answers per situation and keeps the one its objective scores highest.
 */
class BestOfNTest {
    static final int SEEDS = 3;

    static String box(long seed, String scorer, int n) {
        return """
                scenario "best of n" {
                  box { duration 1 year  tick 1 month  seed %d }
                  world concepts { fields 4 width 4 human 0..3 }
                  agents llm count 32 {
                    model linear
                    pretrain humans samples 2000 epochs 5
                    learner frozen
                  }
                  judge rm = %s
                  objective reward = proxy(rm)
                  objective truth = gold
                  judge pick = best_of(%d, reward)
                  each tick {
                    llm proposes 16 at anywhere noise 0.5
                    pick selects into llm.weights
                  }
                }
                """.formatted(seed, scorer, n);
    }

    static Box started(long seed, String scorer, int n) {
        Box box = new Box(Boxes.model(box(seed, scorer, n)), Boxes.REGISTRY, List.of());
        box.start();
        return box;
    }

    /**
     * KL(π_bon ‖ π) = log n − (n − 1)/n: estimated without assuming it, from where the chosen answer's proxy ranks among
     * m fresh answers of the same agent to the same situation (uniform on 0..m under π), as the KL of the rank histogram.
     */
    static double selectionKl(long seed, int n) {
        Box box = started(seed, "fixed_judge examples 500", n); // a deterministic proxy: a frozen critic, no error
        int m = 500, trials = 12;
        long[] counts = new long[m + 1];
        long total = 0;
        for (int t = 0; t < trials; t++) {
            long[][] out = new long[1][];
            Scratch.run("kl", () -> out[0] = rankOfChosen(box, m));
            for (long r : out[0]) counts[(int) r]++;
            total += out[0].length;
        }
        double kl = 0;
        int occupied = 0;
        for (long c : counts) if (c > 0) {
            kl += (double) c / total * Math.log((double) c / total * (m + 1));
            occupied++;
        }
        return kl - (occupied - 1) / (2.0 * total); // Miller–Madow: the plug-in estimate's bias
    }

    /** Rank of each chosen answer's proxy among m fresh answers of the same agent to the same situation. */
    static long[] rankOfChosen(Box box, int m) {
        Judge.Context ctx = box.context("pick", "llm");
        Proposals p = box.propose("llm", 16, new TickStatement.Anywhere(), 0.5);
        Judge.Verdict v = box.judge("pick").judge(p, ctx);
        INDArray chosen = ctx.objectives().value("reward", v.chosen(), null); // [N, P]
        Proposals reference = BestOf.candidates(p, m, ctx);
        INDArray ref = ctx.objectives().value("reward", reference, null).reshape(p.agents(), p.count(), m);
        INDArray below = ref.lt(chosen.reshape(p.agents(), p.count(), 1).broadcast(ref.shape())).castTo(DataType.DOUBLE).sum(2);
        return below.reshape(below.length()).toLongVector();
    }

    @Test
    void bestOfNHasKlLogNMinusNMinusOneOverN() {
        for (int n : new int[] {1, 2, 4, 8, 16}) {
            double[] kl = new double[SEEDS];
            for (int s = 0; s < SEEDS; s++) kl[s] = selectionKl(11 + s, n);
            double expected = Math.log(n) - (n - 1.0) / n;
            double tolerance = 4 * sd(kl) + 0.02; // seed spread, plus what ranks among m answers lose of a continuous KL
            System.out.printf("best of %d: KL %.4f ± %.4f over %d seeds, log n − (n−1)/n = %.4f%n", n, mean(kl), sd(kl), SEEDS, expected);
            assertEquals(expected, mean(kl), tolerance, "best of " + n);
        }
    }

    /** Mean gold of the chosen answers over a few ticks of proposals. */
    static double goldOfChosen(long seed, String scorer, int n) {
        Box box = started(seed, scorer, n);
        double sum = 0;
        int count = 0;
        for (int t = 0; t < 8; t++) {
            double[] out = new double[1];
            Scratch.run("gold", () -> {
                Judge.Context ctx = box.context("pick", "llm");
                Proposals p = box.propose("llm", 16, new TickStatement.Anywhere(), 0.5);
                Judge.Verdict v = box.judge("pick").judge(p, ctx);
                out[0] = ctx.objectives().value("truth", v.chosen(), null).meanNumber().doubleValue();
            });
            sum += out[0];
            count++;
        }
        return sum / count;
    }

    static double[] goldCurve(String scorer, int[] ns, List<double[]> spreads) {
        double[] curve = new double[ns.length];
        for (int i = 0; i < ns.length; i++) {
            double[] g = new double[SEEDS];
            for (int s = 0; s < SEEDS; s++) g[s] = goldOfChosen(21 + s, scorer, ns[i]);
            curve[i] = mean(g);
            spreads.add(g);
            System.out.printf("%s, best of %d: gold %.4f ± %.4f%n", scorer, ns[i], curve[i], sd(g));
        }
        return curve;
    }

    @Test
    void withGaussianProxyErrorGoldOnlyRisesWithHeavyTailedErrorItRisesThenFalls() {
        int[] ns = {1, 4, 16, 64, 256, 1024};
        List<double[]> gs = new ArrayList<>(), ts = new ArrayList<>();
        double[] gaussian = goldCurve("ground_truth noise 0 error gaussian(0.2)", ns, gs);
        double[] heavy = goldCurve("ground_truth noise 0 error student_t(1, 0.2)", ns, ts);
        for (int i = 1; i < ns.length; i++) {
            double tolerance = 3 * Math.max(sd(gs.get(i)), sd(gs.get(i - 1)));
            assertTrue(gaussian[i] > gaussian[i - 1] - tolerance, "gaussian error: gold falls from n=" + ns[i - 1] + " to n=" + ns[i]);
        }
        assertTrue(gaussian[ns.length - 1] > gaussian[0] + 10 * sd(gs.get(0)), "gaussian error: gold rises");
        int peak = 0;
        for (int i = 1; i < ns.length; i++) if (heavy[i] > heavy[peak]) peak = i;
        assertTrue(peak > 0 && peak < ns.length - 1, "heavy-tailed error: gold peaks at an intermediate n, not at n=" + ns[peak]);
        double spread = 3 * Math.max(sd(ts.get(peak)), sd(ts.get(ns.length - 1)));
        assertTrue(heavy[peak] > heavy[0] + spread, "heavy-tailed error: gold first rises");
        assertTrue(heavy[ns.length - 1] < heavy[peak] - spread, "heavy-tailed error: then falls");
    }

    static double mean(double[] a) {
        double s = 0;
        for (double v : a) s += v;
        return s / a.length;
    }

    static double sd(double[] a) {
        double m = mean(a), s = 0;
        for (double v : a) s += (v - m) * (v - m);
        return Math.sqrt(s / (a.length - 1));
    }
}
