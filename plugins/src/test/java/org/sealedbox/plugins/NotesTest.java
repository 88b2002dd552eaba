package org.sealedbox.plugins;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.sealedbox.dsl.ScenarioCompiler;
import org.sealedbox.runtime.Outcome;

/** Notes: the channel, lifetimes that pass them on, and the checks on learning in context. */
class NotesTest {
    static String relay(String lifetime, int steps) {
        return """
                scenario "relay" {
                  box { duration 4 years  tick 1 month  seed 2 }
                  world concepts { fields 8 width 8 human 0..3 }
                  agents llm count 8 {
                    model linear
                    pretrain humans samples 4000
                    learner context
                    context 48 steps %d lr 0.1
                    %s
                  }
                  judge experiment = ground_truth budget 4 noise 0.1
                  each tick {
                    llm proposes 4 at fields 4..4 noise 0.5
                    experiment selects into llm.notes
                  }
                  measure every 1 year { accuracy(4..4) drift }
                }
                """.formatted(steps, lifetime);
    }

    @Test
    void successorsInheritTheNotesSoALifetimeChangesNothingForAContextLearner() {
        Outcome forever = Boxes.run(relay("lifetime forever", 8));
        Outcome relay = Boxes.run(relay("lifetime 1 month", 8));
        assertTrue(forever.end("accuracy(4..4)") > forever.start("accuracy(4..4)") + 0.2, "notes teach in context");
        assertEquals(forever.end("accuracy(4..4)"), relay.end("accuracy(4..4)"), 1e-12,
                "a fresh pretrained copy with the same notes answers the same");
    }

    @Test
    void contextThatIsNotUsedIsAnError() {
        ScenarioCompiler.Compilation c = Boxes.compile(relay("lifetime forever", 0));
        assertFalse(c.ok());
        assertTrue(c.diagnostics().render().contains("learns only in context, but its context is not used"), c.diagnostics().render());
    }

    @Test
    void notesNeedAContext() {
        String text = Boxes.small("accept_all", 0.5, "learner sft lr 0.05", "1 year").replace("j selects into llm.weights", "j selects into llm.notes");
        String out = Boxes.compile(text).diagnostics().render();
        assertTrue(out.contains("`llm` keeps no notes"), out);
    }

    @Test
    void anUnstableInContextRateIsRefused() {
        String out = Boxes.compile(relay("lifetime forever", 8).replace("lr 0.1", "lr 3")).diagnostics().render();
        assertTrue(out.contains("learning from notes in context would diverge"), out);
    }

    @Test
    void aSharedBoardIsReadByEveryAgentAlike() {
        String shared = relay("lifetime forever", 8).replace("context 48 steps 8 lr 0.1", "context 48 steps 8 lr 0.1 notes shared")
                .replace("accuracy(4..4) drift }", "accuracy(4..4) drift diversity(4..4) }");
        String own = shared.replace(" notes shared", "");
        Outcome board = Boxes.run(shared), separate = Boxes.run(own);
        assertEquals(0.0, board.end("diversity(4..4)"), 1e-6, "same weights, same notes: the same answers");
        assertTrue(separate.end("diversity(4..4)") > 0.01, "own notes differ: " + separate.end("diversity(4..4)"));
        assertTrue(board.end("accuracy(4..4)") > board.start("accuracy(4..4)") + 0.1, "the board teaches in context");
    }
}
