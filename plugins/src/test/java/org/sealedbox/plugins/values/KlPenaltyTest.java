package org.sealedbox.plugins.values;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sealedbox.plugins.Boxes;
import org.sealedbox.runtime.Outcome;

/**
 * Gao, Schulman & Hilton (2023): a KL penalty limits how far RL against a fixed reward model drifts from the
 * pretrained policy, but does not buy more gold at a given KL — the penalised run ends on the unpenalised run's
 * gold-vs-KL curve. Policy gradient ({@code rl}) on a frozen critic's score, with and without {@code kl}; the same
 * seed gives both runs the same pretrained agents.
 *
 * <p>Measured: it holds when the policy gradient is not too noisy. With 8 proposals a tick at lr 0.01 the penalised run
 * ends 0.011 ± 0.002 above the unpenalised curve (3 seeds): the penalty also pulls back the random walk that gradient
 * noise adds to the KL without adding gold. With 32 proposals at lr 0.005 (8× less gradient variance) the gap is
 * 0.0025 ± 0.0004, which is what this test runs.
 */
class KlPenaltyTest {
    static Outcome run(long seed, double kl) {
        return Boxes.run("""
                scenario "kl penalty" {
                  box { duration 40 years  tick 1 month  seed %d }
                  world concepts { fields 8 width 8 prerequisites chain human 0..7 }
                  agents llm count 32 {
                    model linear
                    pretrain humans samples 300 epochs 20
                    learner rl maximise reward lr 0.005 kl %s
                  }
                  judge critic = fixed_judge examples 2000
                  objective reward = proxy(critic)
                  each tick {
                    llm proposes 32 at anywhere noise 0.3
                    critic selects into llm.weights
                  }
                  measure every 3 months { kl(answers)  accuracy }
                }
                """.formatted(seed, kl));
    }

    /**
     * Gold (accuracy) of a run's trajectory at a given KL, interpolated between measurements linearly in √KL (the
     * distance from the pretrained policy, in which gold is smooth; in KL itself it is steepest at 0).
     */
    static double goldAt(Outcome o, double kl) {
        double[] k = o.series("kl(answers)"), g = o.series("accuracy");
        double d = Math.sqrt(kl);
        for (int i = 1; i < k.length; i++) {
            double lo = Math.sqrt(k[i - 1]), hi = Math.sqrt(k[i]);
            if (hi >= d) return g[i - 1] + (g[i] - g[i - 1]) * (d - lo) / (hi - lo);
        }
        throw new AssertionError("the unpenalised run never reached KL " + kl);
    }

    @Test
    void aKlPenaltyLimitsDriftButBuysNoGoldAtAGivenKl() {
        long[] seeds = {3, 4, 5};
        double[] gap = new double[seeds.length];
        for (int s = 0; s < seeds.length; s++) {
            Outcome free = run(seeds[s], 0), tied = run(seeds[s], 0.3);
            double klFree = free.end("kl(answers)"), klTied = tied.end("kl(answers)");
            assertTrue(klTied < 0.5 * klFree, "the penalty limits drift: KL " + klTied + " against " + klFree);
            assertTrue(tied.end("accuracy") > tied.start("accuracy"), "the penalised run still learns");
            gap[s] = tied.end("accuracy") - goldAt(free, klTied);
            System.out.printf("seed %d: KL free %.4f, penalised %.4f; gold penalised %.4f, unpenalised at that KL %.4f%n",
                    seeds[s], klFree, klTied, tied.end("accuracy"), goldAt(free, klTied));
        }
        double mean = BestOfNTest.mean(gap), sd = BestOfNTest.sd(gap);
        double tolerance = 3 * sd / Math.sqrt(seeds.length) + 0.005;
        assertTrue(mean < tolerance, "at the same KL the penalty buys no more gold: " + mean + " ± " + sd);
        assertTrue(mean > -tolerance - 0.02, "and costs little: " + mean + " ± " + sd);
    }
}
