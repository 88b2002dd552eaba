package org.sealedbox.plugins;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.sealedbox.runtime.Outcome;

/**
 * Long context versus weights: learning a field h prerequisite hops beyond what the weights know, from the same
 * consequences. In context (k steps of gradient descent on 64 notes, discarded after use) what is learnt falls off
 * with h, since every unknown prerequisite block must be recovered from the same few notes in a few steps; in the
 * weights it does not. Two seeds per cell; the differences asserted exceed three times the seed-to-seed spread.
 */
class LongContextTest {
    static final int[] HOPS = {1, 2, 4};
    static final long[] SEEDS = {3, 4};

    static double accuracy(int hops, boolean inContext, long seed) {
        int field = 3 + hops; // human fields are 0..3; in a chain, field 3 + h is h hops beyond them
        String learner = inContext ? "learner context\n    context 64 steps 8 lr 0.1" : "learner sft lr 0.05";
        String text = """
                scenario "hops" {
                  box { duration 10 years  tick 1 month  seed %d }
                  world concepts { fields 10 width 8 human 0..3 }
                  agents llm count 16 {
                    model linear
                    pretrain humans samples 4000
                    %s
                  }
                  judge experiment = ground_truth budget 8 noise 0.1
                  each tick {
                    llm proposes 8 at fields %d..%d noise 0.5
                    experiment selects into llm.%s
                  }
                  measure every 10 years { accuracy(%d..%d) drift }
                }
                """.formatted(seed, learner, field, field, inContext ? "notes" : "weights", field, field);
        Outcome o = Boxes.run(text);
        if (inContext) assertEquals(0.0, o.end("drift"), "in context the weights never change");
        return o.end("accuracy(" + field + ".." + field + ")");
    }

    @Test
    void inContextLearningFallsOffWithPrerequisiteHopsAndWeightUpdatesDoNot() {
        double[][] context = new double[HOPS.length][], weights = new double[HOPS.length][];
        for (int i = 0; i < HOPS.length; i++) {
            int h = HOPS[i];
            context[i] = Arrays.stream(SEEDS).mapToDouble(s -> accuracy(h, true, s)).toArray();
            weights[i] = Arrays.stream(SEEDS).mapToDouble(s -> accuracy(h, false, s)).toArray();
        }
        double spread = 0;
        for (double[][] table : new double[][][] {context, weights}) {
            for (double[] cell : table) spread = Math.max(spread, Math.abs(cell[0] - cell[1]));
        }
        String report = "context " + Arrays.deepToString(context) + ", weights " + Arrays.deepToString(weights) + ", spread " + spread;
        for (int i = 1; i < HOPS.length; i++) {
            assertTrue(mean(context[i - 1]) - mean(context[i]) > 3 * spread, "in context, each hop costs: " + report);
        }
        for (double[] cell : weights) assertTrue(mean(cell) > 0.95, "in the weights, every field is learnt: " + report);
        assertTrue(mean(weights[2]) - mean(context[2]) > 0.2, report);
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElseThrow();
    }
}
