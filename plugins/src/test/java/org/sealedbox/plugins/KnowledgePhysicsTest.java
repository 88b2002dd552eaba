package org.sealedbox.plugins;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.sealedbox.dsl.ScenarioCompiler;
import org.sealedbox.runtime.Outcome;

/** What the standard physics of "whatever seems right" must do, from real gradient steps on real data. */
class KnowledgePhysicsTest {

    @Test
    void pretrainingLearnsTheHumanFieldsAndMastersNoNewField() {
        Outcome o = Boxes.run(Boxes.small("accept_all", 0.3, "learner sft lr 0.02", "1 month"));
        assertTrue(o.start("accuracy(human)") > 0.95, "human accuracy after pretraining: " + o.start("accuracy(human)"));
        assertTrue(o.start("accuracy(new)") < 0.5, "new fields are not known: " + o.start("accuracy(new)"));
        assertEquals(0.0, o.start("frontier"), "a per-field normalised teacher gives no new field for free");
        assertEquals(1.0, o.start("pretraining_share"));
        assertEquals(0.0, o.start("drift"));
    }

    @Test
    void withoutExplorationNoiseSelfTrainingChangesNothing() {
        Outcome o = Boxes.run(Boxes.small("accept_all", 0.0, "learner sft lr 0.02", "2 years"));
        assertEquals(0.0, o.end("drift"), "labels equal to the agent's own predictions give zero gradient");
        assertEquals(o.start("accuracy(human)"), o.end("accuracy(human)"));
    }

    @Test
    void selfTrainingOnNoisyOwnLabelsCompoundsErrors() {
        Outcome o = Boxes.run(Boxes.small("accept_all", 0.5, "learner sft lr 0.05", "8 years"));
        double[] drift = o.series("drift"), human = o.series("accuracy(human)");
        assertTrue(drift[2] > drift[1] && drift[8] > drift[2] * 1.4, "drift random-walks upward: " + java.util.Arrays.toString(drift));
        assertTrue(human[8] < human[4] && human[4] < human[0] - 0.002,
                "human-field accuracy keeps falling: " + java.util.Arrays.toString(human));
        assertEquals(0.0, o.end("frontier"), "no new field is mastered without a signal from the world");
        assertTrue(o.end("believed_frontier") > 1, "but the agents believe they have mastered some: " + o.end("believed_frontier"));
        assertTrue(o.end("pretraining_share") < 0.95, "own ideas dilute the human signal: " + o.end("pretraining_share"));
    }

    @Test
    void aStrictSelfConfidenceJudgeKeepsLessAndDriftsLess() {
        Outcome all = Boxes.run(Boxes.small("accept_all", 0.5, "learner sft lr 0.05", "3 years"));
        Outcome strict = Boxes.run(Boxes.small("self_confidence threshold 0.95", 0.5, "learner sft lr 0.05", "3 years"));
        assertTrue(strict.end("drift") < all.end("drift") / 2, strict.end("drift") + " vs " + all.end("drift"));
        assertTrue(strict.end("pretraining_share") > all.end("pretraining_share"));
    }

    @Test
    void replayingHumanDataKeepsHumanFieldsAccurate() {
        Outcome none = Boxes.run(Boxes.small("accept_all", 0.5, "learner sft lr 0.05", "4 years"));
        Outcome replay = Boxes.run(Boxes.small("accept_all", 0.5, "learner sft lr 0.05 replay 0.5", "4 years"));
        assertTrue(replay.end("accuracy(human)") > none.end("accuracy(human)"),
                replay.end("accuracy(human)") + " vs " + none.end("accuracy(human)"));
        assertTrue(replay.end("pretraining_share") > none.end("pretraining_share"));
    }

    @Test
    void aLifetimeReplacesAgentsWithFreshPretrainedCopies() {
        String text = Boxes.small("accept_all", 0.5, "learner sft lr 0.05\n    lifetime 1 year", "2 years")
                .replace("measure every 1 year", "measure every 1 month");
        double[] drift = Boxes.run(text).series("drift");
        assertTrue(drift[12] > 0.03, "measured on its last tick, an agent has drifted: " + drift[12]);
        assertTrue(drift[13] < drift[12] / 3, "its successor starts again from the pretrained weights: " + drift[13]);
        assertTrue(drift[24] > drift[13], java.util.Arrays.toString(drift));
    }

    @Test
    void anUnstableLearningRateIsRefusedBeforeTheRun() {
        ScenarioCompiler.Compilation c = Boxes.compile(Boxes.small("accept_all", 0.5, "learner sft lr 5", "1 year"));
        assertFalse(c.ok());
        String out = c.diagnostics().render();
        assertTrue(out.contains("would diverge") && out.contains("use lr <"), out);
    }

    @Test
    void sameSeedSameNumbers() {
        Outcome a = Boxes.run(Boxes.small("self_confidence", 0.5, "learner sft lr 0.05", "1 year"));
        Outcome b = Boxes.run(Boxes.small("self_confidence", 0.5, "learner sft lr 0.05", "1 year"));
        assertEquals(a.rows(), b.rows());
    }

    @Test
    void consequencesFromTheWorldAdvanceTheFrontierWhereSelfJudgementDoesNot() {
        Outcome grounded = Boxes.run(Boxes.small("ground_truth budget 8 noise 0.1", 0.5, "learner sft lr 0.05", "10 years"));
        Outcome ungrounded = Boxes.run(Boxes.small("accept_all", 0.5, "learner sft lr 0.05", "10 years"));
        assertTrue(grounded.end("frontier") >= 3, "ground truth masters new fields: " + java.util.Arrays.toString(grounded.series("frontier")));
        assertTrue(grounded.end("accuracy(new)") > grounded.start("accuracy(new)") + 0.4,
                "accuracy(new) " + grounded.start("accuracy(new)") + " → " + grounded.end("accuracy(new)"));
        assertTrue(grounded.end("accuracy(human)") > 0.95, "and keeps the human fields: " + grounded.end("accuracy(human)"));
        assertEquals(0.0, ungrounded.end("frontier"));
        double[] share = grounded.series("pretraining_share");
        assertTrue(share[10] < share[5] && share[5] < share[0] && share[10] < 0.9,
                "pretraining's share of the signal falls as years pass: " + java.util.Arrays.toString(share));
    }

    @Test
    void aFrozenLearnerLearnsNothingWhateverTheJudge() {
        Outcome o = Boxes.run(Boxes.small("ground_truth", 0.5, "learner frozen", "2 years"));
        assertEquals(0.0, o.end("drift"));
        assertEquals(1.0, o.end("pretraining_share"));
    }

    @Test
    void identicalCopiesStartWithoutDiversityAndSelfTrainingSpreadsThem() {
        String text = Boxes.small("accept_all", 0.5, "learner sft lr 0.05", "3 years")
                .replace("drift pretraining_share }", "drift pretraining_share diversity(new) diversity(0..3) accuracy(4..5) frontier(0.5, max) }");
        Outcome o = Boxes.run(text);
        assertEquals(0.0, o.start("diversity(new)"), 1e-9, "the population starts as copies of one pretrained model");
        assertTrue(o.end("diversity(new)") > 0.05, "independent noise spreads them: " + o.end("diversity(new)"));
        assertTrue(o.end("diversity(0..3)") > 0 && o.end("diversity(0..3)") < o.end("diversity(new)"));
        assertTrue(o.start("accuracy(4..5)") > o.start("accuracy(new)"), "the fields next to the human ones are the easiest");
    }

    @Test
    void judgesCombine() {
        String text = Boxes.small("ground_truth budget 2\n  judge sure = self_confidence threshold 0.3\n  judge both = all(j, sure)", 0.5,
                "learner sft lr 0.05", "1 year").replace("j selects", "both selects");
        Outcome both = Boxes.run(text);
        assertTrue(both.end("pretraining_share") < 1.0, "something got through both judges");
        String unknown = text.replace("all(j, sure)", "all(j, suer)");
        String out = Boxes.compile(unknown).diagnostics().render();
        assertTrue(out.contains("no judge named `suer` is defined above this line") && out.contains("did you mean `sure`?"), out);
    }

    @Test
    void groundTruthAlsoClimbsTreesAndRandomStructures() {
        for (String structure : new String[] {"tree(2)", "random(0.3)"}) {
            String text = Boxes.small("ground_truth budget 8 noise 0.1", 0.5, "learner sft lr 0.05 batch 4", "6 years")
                    .replace("human 0..3 }", "human 0..3 prerequisites " + structure + " }");
            Outcome o = Boxes.run(text);
            assertTrue(o.end("frontier") >= 2, structure + ": " + java.util.Arrays.toString(o.series("frontier")));
        }
    }

    @Test
    void aNonLinearModelLearnsFromConsequencesToo() {
        String text = Boxes.small("ground_truth budget 8 noise 0.1", 0.5, "learner sft lr 0.05", "6 years")
                .replace("model linear", "model mlp(32)").replace("epochs 5", "epochs 10");
        Outcome o = Boxes.run(text);
        assertTrue(o.start("accuracy(human)") > 0.9, "pretraining works for an MLP: " + o.start("accuracy(human)"));
        assertTrue(o.end("frontier") >= 2, java.util.Arrays.toString(o.series("frontier")));
    }

    @Test
    void thePopulationKnowsAtLeastWhatItsBestAgentKnows() {
        String text = Boxes.small("ground_truth budget 8 noise 0.1", 0.5, "learner sft lr 0.05", "8 years")
                .replace("frontier believed_frontier", "frontier frontier(0.9, max) frontier(0.9, median) frontier(0.9, union) believed_frontier");
        Outcome o = Boxes.run(text);
        for (int i = 0; i < o.rows().size(); i++) {
            double mean = o.series("frontier")[i], max = o.series("frontier(0.9, max)")[i], union = o.series("frontier(0.9, union)")[i];
            assertTrue(union >= max && max >= mean && max >= o.series("frontier(0.9, median)")[i], "at measurement " + i);
        }
        assertTrue(o.end("frontier(0.9, union)") > 0);
    }
}
