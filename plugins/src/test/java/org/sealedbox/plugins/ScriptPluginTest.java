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
    void aScriptedJudgeAndMeasureRunInABox(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("more.groovy"), """
                import org.nd4j.linalg.api.ndarray.INDArray
                import org.sealedbox.dsl.schema.*
                import org.sealedbox.runtime.spi.*

                // accepts the proposals whose answer is within `tolerance` of the truth, labelled with the truth
                class Strict implements JudgeFactory {
                    PluginSchema schema() {
                        new PluginSchema(PluginKind.JUDGE, 'strict', 'accepts answers near the truth',
                                [ParamSpec.real('tolerance', 0.5d, 0d, 100d, 'largest squared error accepted')])
                    }
                    Judge create(ParamValues p) {
                        double tolerance = p.real('tolerance')
                        return { Proposals proposals, Judge.Context context ->
                            INDArray truth = context.world().truth(proposals.x())
                            INDArray error = proposals.label().sub(truth)
                            INDArray accepted = error.mul(error).mean(2).lt(tolerance).castTo(proposals.x().dataType())
                            new Judge.Verdict(accepted, truth)
                        } as Judge
                    }
                }

                // the mean of the population's weights
                class MeanWeight implements MeasureFactory {
                    PluginSchema schema() { new PluginSchema(PluginKind.MEASURE, 'mean_weight', 'mean of every weight', []) }
                    Measure create(ParamValues p) {
                        return { PopulationView pop, World world -> pop.model().params()[0].meanNumber().doubleValue() } as Measure
                    }
                }
                """);
        Path box = dir.resolve("more.box");
        Files.writeString(box, """
                use "more.groovy"
                scenario "scripted judge and measure" {
                  box { duration 6 months  tick 1 month  seed 1 }
                  world concepts { fields 6 width 4 human 0..2 }
                  agents llm count 4 { model linear  learner sft lr 0.05 }
                  judge j = strict tolerance 0.3
                  each tick { llm proposes 8 at frontier noise 0.3; j selects into llm.weights }
                  measure every 3 months { mean_weight  accuracy(new) }
                  expect mean_weight at end != mean_weight at start
                }
                """);
        var c = new ScenarioLoader(Boxes.REGISTRY).load(ScenarioCompiler.read(box));
        assertTrue(c.ok(), c.diagnostics().render());
        var outcome = org.sealedbox.runtime.Simulation.run(c.model().get(), Boxes.REGISTRY, java.util.List.of());
        assertTrue(outcome.allHold(), "the scripted judge's labels moved the weights: " + outcome.verdicts());
    }

    @Test
    void theExampleScriptSwapsIntoCanonNine() throws Exception {
        var c = new ScenarioLoader(Boxes.REGISTRY).load(ScenarioCompiler.read(Path.of("examples/groovy/surprise-updates-gated.box")));
        assertTrue(c.ok(), c.diagnostics().render());
        assertEquals("surprise", c.model().get().populations().get(0).learner().name());
    }
}
