package org.sealedbox.plugins;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealedbox.dsl.ScenarioCompiler;
import org.sealedbox.runtime.ScenarioLoader;

/** Scenarios that `use` Groovy scripts: what the user sees when a script is broken, forbidden or clashes. */
class ScriptPluginTest {
    static final String SCENARIO = """
            use "learner.groovy"
            scenario "scripted" {
              box { duration 1 year  tick 1 month  seed 1 }
              world concepts { fields 6 width 4 human 0..2 }
              agents llm count 4 { model linear  learner %s }
              judge j = ground_truth budget 4
              each tick { llm proposes 4 at frontier noise 0.3; j selects into llm.weights }
            }
            """;

    static String script(String name, String learnBody) {
        return """
                import org.nd4j.linalg.api.ndarray.INDArray
                import org.nd4j.linalg.api.rng.Random
                import org.sealedbox.dsl.schema.*
                import org.sealedbox.runtime.spi.*

                class L implements Learner {
                    void learn(Model model, World.Batch accepted, INDArray mask, World world, Random rng, TrainingRecord record) {
                        %s
                    }
                }

                class F implements LearnerFactory {
                    PluginSchema schema() { new PluginSchema(PluginKind.LEARNER, '%s', 'a scripted learner', []) }
                    Learner create(ParamValues p) { new L() }
                }
                """.formatted(learnBody, name);
    }

    static ScenarioCompiler.Compilation compile(Path dir, String learner, String script, boolean trust) throws Exception {
        Files.writeString(dir.resolve("learner.groovy"), script);
        Path box = dir.resolve("scripted.box");
        Files.writeString(box, SCENARIO.formatted(learner));
        var registry = org.sealedbox.runtime.wiring.Wiring.registry(java.util.List.of(), trust);
        return new ScenarioLoader(registry).load(ScenarioCompiler.read(box));
    }

    @Test
    void aScriptedLearnerRunsInABox(@TempDir Path dir) throws Exception {
        var c = compile(dir, "scripted", script("scripted", "model.step(accepted.x(), accepted.y(), mask, 0.05d)"), false);
        assertTrue(c.ok(), c.diagnostics().render());
        var outcome = org.sealedbox.runtime.Simulation.run(c.model().get(), Boxes.REGISTRY, java.util.List.of());
        assertTrue(outcome.completed());
    }

    @Test
    void aSandboxedScriptThatReadsAFileIsRefusedAtItsLine(@TempDir Path dir) throws Exception {
        var c = compile(dir, "scripted", script("scripted", "String s = new File('/etc/hostname').text"), false);
        assertFalse(c.ok());
        String out = c.diagnostics().render();
        assertTrue(out.contains("learner.groovy:8:"), out);
        assertTrue(out.contains("a sandboxed script may not read or write files"), out);
        assertTrue(out.contains("scripted.box:1:5: error: the plugin script"), out);
        assertFalse(out.contains("unknown learner"), "no cascade: " + out);
        assertTrue(compile(dir, "scripted", script("scripted", "String s = new File('/etc/hostname').text"), true).ok(), "--trust");
    }

    @Test
    void aCompileErrorIsADiagnosticAtTheScriptsLineAndColumn(@TempDir Path dir) throws Exception {
        var c = compile(dir, "scripted", script("scripted", "model.stepp(accepted.x())"), false);
        String out = c.diagnostics().render();
        assertTrue(out.contains("learner.groovy:8:9: error:"), out);
        assertTrue(out.contains("stepp"), out);
    }

    @Test
    void aScriptDefiningAnInstalledNameIsAClashNamingBoth(@TempDir Path dir) throws Exception {
        var c = compile(dir, "sft", script("sft", ""), false);
        String out = c.diagnostics().render();
        assertTrue(out.contains("learner `sft` is defined twice: by the script"), out);
        assertTrue(out.contains("learner.groovy and by the installed plugins in"), out);
    }

    @Test
    void theExampleScriptSwapsIntoCanonNine() throws Exception {
        var c = new ScenarioLoader(Boxes.REGISTRY).load(ScenarioCompiler.read(Path.of("examples/groovy/surprise-updates-gated.box")));
        assertTrue(c.ok(), c.diagnostics().render());
        assertEquals("surprise", c.model().get().populations().get(0).learner().name());
    }
}
