package org.sealedbox.plugins;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The one-hour relay, as a small sweep over lifetime × population size (two seeds a cell): agents run experiments,
 * learn from them in their weights, pass notes to a fresh successor at death, and specialise by taste in a world
 * with breadth. Below a lifetime threshold more agents do not help; above it they do. The gap between the two
 * gains must exceed twice the largest seed-to-seed difference of any cell.
 */
class RelayTest {
    static double union(String lifetime, int agents, long seed) {
        String text = """
                scenario "relay" {
                  box { duration 20 years  tick 1 month  seed %d }
                  world concepts { fields 15 width 8 prerequisites tree(2) human 0..2 }
                  agents llm count %d {
                    model linear
                    pretrain humans samples 4000
                    learner sft lr 0.05
                    context 64 steps 8 lr 0.05
                    lifetime %s
                  }
                  judge experiment = ground_truth budget 4 noise 0.1
                  each tick {
                    llm proposes 4 at frontier noise 0.5 focus 3
                    experiment selects into llm.weights
                    experiment selects into llm.notes
                  }
                  measure every 10 years { frontier(0.9, union) }
                }
                """.formatted(seed, agents, lifetime);
        return Boxes.run(text).end("frontier(0.9, union)");
    }

    @Test
    void belowALifetimeThresholdMoreAgentsDoNotHelpAndAboveItTheyDo() {
        String[] lifetimes = {"1 year", "10 years"};
        int[] sizes = {2, 16};
        long[] seeds = {3, 4};
        double[][][] u = new double[2][2][2];
        double spread = 0;
        for (int l = 0; l < 2; l++) {
            for (int s = 0; s < 2; s++) {
                for (int k = 0; k < 2; k++) u[l][s][k] = union(lifetimes[l], sizes[s], seeds[k]);
                spread = Math.max(spread, Math.abs(u[l][s][0] - u[l][s][1]));
            }
        }
        double gainShort = mean(u[0][1]) - mean(u[0][0]), gainLong = mean(u[1][1]) - mean(u[1][0]);
        String report = "union frontier [lifetime][agents][seed] = " + Arrays.deepToString(u) + ", spread " + spread;
        System.out.println(report);
        assertTrue(mean(u[0][1]) <= 1.5, "short-lived agents master next to nothing, however many: " + report);
        assertTrue(gainLong - gainShort > 2 * Math.max(1, spread), report);
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElseThrow();
    }
}
