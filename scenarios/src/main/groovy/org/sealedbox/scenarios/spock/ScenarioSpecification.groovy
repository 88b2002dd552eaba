package org.sealedbox.scenarios.spock

import java.nio.file.Path
import org.sealedbox.dsl.Overrides
import org.sealedbox.dsl.ScenarioCompiler
import org.sealedbox.dsl.ir.ScenarioModel
import org.sealedbox.dsl.source.Source
import org.sealedbox.runtime.ScenarioLoader
import org.sealedbox.runtime.Simulation
import org.sealedbox.runtime.wiring.PluginRegistry
import org.sealedbox.runtime.wiring.Wiring
import spock.lang.Specification

/**
 * A base class for Spock specifications over scenarios, for users who prefer code to {@code expect} lines:
 * <pre>
 * class CaughtSpec extends ScenarioSpecification {
 *     def "shortcuts when watched follow bonus − P(caught) × penalty"() {
 *         when: def run = run("scenarios/canon/dont-get-caught.box", ["world.caught": caught, duration: "40 years"])
 *         then: (run.end("shortcut_rate(observed)") > 0.5) == pays
 *         where: caught | pays
 *                0.2    | true
 *                0.8    | false
 *     }
 * }
 * </pre>
 * Overrides ({@code seed}, {@code duration}, {@code tick}, {@code world.PARAM}, {@code POP.count},
 * {@code POP.model|pretrain|learner|confidence.PARAM}, {@code judge.NAME}) are written as a variant that extends the file
 * (see {@link Overrides}), so a mistake in one gets the scenario language's diagnostics.
 */
abstract class ScenarioSpecification extends Specification {
    private static PluginRegistry registry

    protected static synchronized PluginRegistry registry() {
        if (registry == null) registry = Wiring.registry()
        return registry
    }

    /** Runs a scenario file, as written or with overrides. */
    protected ScenarioRunResult run(String file, Map<String, ?> overrides = [:]) {
        Path path = Path.of(file)
        ScenarioLoader loader = new ScenarioLoader(registry())
        ScenarioCompiler.Compilation c = loader.load(ScenarioCompiler.read(path))
        if (!c.ok()) throw new AssertionError("scenario does not compile:\n" + c.diagnostics().render())
        if (!overrides.isEmpty()) {
            Source variant = Overrides.variant(path, c.model().get(), overrides)
            c = loader.load(variant)
            if (!c.ok()) throw new AssertionError("the overrides " + overrides + " do not compile:\n" + c.diagnostics().render())
        }
        return runModel(c.model().get())
    }

    /** Runs scenario text written in the spec itself. */
    protected ScenarioRunResult runText(String text) {
        ScenarioCompiler.Compilation c = new ScenarioLoader(registry()).load(new Source("spec.box", text))
        if (!c.ok()) throw new AssertionError("scenario does not compile:\n" + c.diagnostics().render())
        return runModel(c.model().get())
    }

    private static ScenarioRunResult runModel(ScenarioModel m) {
        return new ScenarioRunResult(m, Simulation.run(m, registry(), List.of()))
    }
}
