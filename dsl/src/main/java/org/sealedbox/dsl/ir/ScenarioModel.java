package org.sealedbox.dsl.ir;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sealedbox.dsl.source.Source;
import org.sealedbox.dsl.source.Span;

/**
 * The validated, resolved scenario the runtime consumes: every name resolved, every plugin's
 * parameters complete and typed, every time converted to ticks.
 */
public record ScenarioModel(
        String name,
        String about,
        Source source,
        BoxSpec box,
        PluginUse world,
        List<PopulationSpec> populations,
        Map<String, ObjectiveSpec> objectives,
        Map<String, JudgeSpec> judges,
        List<TickStatement> program,
        GenerationPlan generations,
        MeasurePlan measures,
        List<Expectation> expectations,
        SweepSpec sweep,
        List<ScriptUse> scripts) {

    public Optional<PopulationSpec> population(String name) {
        return populations.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The same scenario with another seed (the CLI's {@code --seed}). */
    public ScenarioModel withSeed(long seed) {
        return new ScenarioModel(name, about, source, box.withSeed(seed), world, populations, objectives, judges, program, generations,
                measures, expectations, sweep, scripts);
    }

    /** The same scenario with the plugin scripts it and the files it extends {@code use}. */
    public ScenarioModel withScripts(List<ScriptUse> scripts) {
        return new ScenarioModel(name, about, source, box, world, populations, objectives, judges, program, generations,
                measures, expectations, sweep, List.copyOf(scripts));
    }

    /**
     * A named judge: a plugin, or a combination of judges defined before it ({@code all(a, b)}: accepted by
     * every one, labelled by the first; {@code any(a, b)}: accepted by at least one, labelled by the first that accepts).
     */
    public record JudgeSpec(String name, PluginUse plugin, Combination combination, Span span) {
        public JudgeSpec {
            if ((plugin == null) == (combination == null)) throw new IllegalArgumentException("a plugin or a combination");
        }
    }

    public record Combination(String op, java.util.List<String> judges) {}
}
