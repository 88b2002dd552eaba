package org.sealedbox.plugins;

import java.util.List;
import org.sealedbox.dsl.ScenarioCompiler;
import org.sealedbox.dsl.ir.ScenarioModel;
import org.sealedbox.dsl.source.Source;
import org.sealedbox.runtime.Outcome;
import org.sealedbox.runtime.ScenarioLoader;
import org.sealedbox.runtime.Simulation;
import org.sealedbox.runtime.wiring.PluginRegistry;
import org.sealedbox.runtime.wiring.Wiring;

/** Compiles and runs small scenarios written inline in tests, with the installed plugins. */
public final class Boxes {
    public static final PluginRegistry REGISTRY = Wiring.registry();

    private Boxes() {}

    public static ScenarioCompiler.Compilation compile(String text) {
        return new ScenarioLoader(REGISTRY).load(new Source("test.box", text));
    }

    public static ScenarioModel model(String text) {
        ScenarioCompiler.Compilation c = compile(text);
        if (!c.ok()) throw new AssertionError("scenario does not compile:\n" + c.diagnostics().render());
        return c.model().get();
    }

    public static Outcome run(String text) {
        return Simulation.run(model(text), REGISTRY, List.of());
    }

    /** A small whatever-seems-right box; {@code %s} slots: judge, noise, learner line. */
    public static String small(String judge, double noise, String learner, String duration) {
        return """
                scenario "small" {
                  box { duration %s  tick 1 month  seed 3 }
                  world concepts { fields 10 width 8 human 0..3 }
                  agents llm count 16 {
                    model linear
                    pretrain humans samples 4000 epochs 5
                    %s
                  }
                  judge j = %s
                  each tick {
                    llm proposes 8 at frontier noise %s
                    j selects into llm.weights
                  }
                  measure every 1 year { frontier believed_frontier accuracy(human) accuracy(new) drift pretraining_share }
                }
                """.formatted(duration, learner, judge, noise);
    }
}
