package org.sealedbox.runtime;

import java.util.List;
import org.sealedbox.runtime.box.Box;
import org.sealedbox.runtime.box.BoxListener;
import org.sealedbox.runtime.box.Divergence;
import org.sealedbox.runtime.results.Verdicts;
import org.sealedbox.dsl.ir.ScenarioModel;
import org.sealedbox.runtime.wiring.PluginRegistry;

/** Runs a validated scenario to its end (or its divergence) and judges its expectations. */
public final class Simulation {
    private Simulation() {}

    public static Outcome run(ScenarioModel scenario, PluginRegistry registry, List<BoxListener> listeners) {
        return run(scenario, registry, listeners, null);
    }

    /** Runs from a checkpoint's state when {@code from} is given (the box is rebuilt, then restored), else from the start. */
    public static Outcome run(ScenarioModel scenario, PluginRegistry registry, List<BoxListener> listeners, org.sealedbox.runtime.box.Snapshot from) {
        Box box = new Box(scenario, registry, listeners);
        Divergence d = box.run(from);
        return new Outcome(box.rows(), Verdicts.evaluate(scenario.expectations(), box.rows(), d == null), d, box.tick());
    }
}
