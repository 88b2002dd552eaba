package org.sealedbox.scenarios;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sealedbox.dsl.ScenarioCompiler;
import org.sealedbox.dsl.source.Source;
import org.sealedbox.runtime.Outcome;
import org.sealedbox.runtime.ScenarioLoader;
import org.sealedbox.runtime.Simulation;
import org.sealedbox.runtime.wiring.PluginRegistry;
import org.sealedbox.runtime.wiring.Wiring;

/** The canon's whatever-seems-right box with only its judge swapped (and fewer years): consequences advance the frontier. */
class SwapTheJudgeTest {
    static final PluginRegistry REGISTRY = Wiring.registry();

    static Outcome withJudge(String judge) throws IOException {
        String text = Files.readString(Cli.canon("whatever-seems-right"))
                .replace("judge seems_right = self_confidence threshold 0.5", "judge seems_right = " + judge)
                .replace("duration 200 years", "duration 30 years");
        ScenarioCompiler.Compilation c = new ScenarioLoader(REGISTRY).load(new Source("swapped.box", text));
        assertTrue(c.ok(), c.diagnostics().render());
        return Simulation.run(c.model().get(), REGISTRY, List.of());
    }

    @Test
    void groundTruthAdvancesTheFrontierAndAcceptAllDoesNot() throws IOException {
        Outcome grounded = withJudge("ground_truth budget 8 noise 0.1");
        Outcome everything = withJudge("accept_all");
        assertTrue(grounded.end("frontier") >= 5, "frontier with ground truth: " + grounded.end("frontier"));
        assertEquals(0.0, everything.end("frontier"), "frontier accepting everything");
        assertTrue(grounded.end("accuracy(human)") > everything.end("accuracy(human)"));
    }
}
