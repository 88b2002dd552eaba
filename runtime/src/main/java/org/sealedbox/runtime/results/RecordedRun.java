package org.sealedbox.runtime.results;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sealedbox.dsl.ir.ScenarioModel;
import org.sealedbox.runtime.Outcome;
import org.sealedbox.runtime.Recipe;
import org.sealedbox.runtime.Simulation;
import org.sealedbox.runtime.box.BoxListener;
import org.sealedbox.runtime.box.Divergence;
import org.sealedbox.runtime.box.Snapshot;
import org.sealedbox.runtime.wiring.PluginRegistry;

/**
 * A run with its folder: the recorder, checkpoints when the box asks for them, the run record at the end (also after a
 * divergence). Shared by {@code sealedbox run} and every member of a sweep, wherever it runs.
 */
public final class RecordedRun {
    private RecordedRun() {}

    /** What came out, how long it took, and the tick it started from (0, or a checkpoint's). */
    public record Result(Outcome outcome, Duration wall, long startedAt) {}

    /** Runs {@code model} into {@code dir}, from its start or from {@code from}; {@code more} also hear the box. */
    public static Result run(ScenarioModel model, PluginRegistry registry, Recipe recipe, Path dir, Checkpoints.Saved from,
                             List<BoxListener> more) {
        Instant started = Instant.now();
        List<BoxListener> listeners = new ArrayList<>();
        try (RunRecorder recorder = new RunRecorder(dir, model, scenarioText(model, recipe))) {
            listeners.add(recorder);
            if (model.box().checkpointTicks() > 0) listeners.add(new Checkpoints(dir, recipe, model));
            listeners.addAll(more);
            Snapshot snapshot = from == null ? null : from.snapshot();
            Outcome outcome = Simulation.run(model, registry, listeners, snapshot);
            Duration wall = Duration.between(started, Instant.now());
            long startedAt = from == null ? 0 : from.tick();
            recorder.record(record(model, recipe, outcome, wall, startedAt), outcome.verdicts());
            return new Result(outcome, wall, startedAt);
        }
    }

    /** The scenario's text as written; a variant's is its file's, headed by the overrides it was run with. */
    public static String scenarioText(ScenarioModel model, Recipe recipe) {
        if (recipe == null || recipe.overrides().isEmpty()) return model.source().text();
        StringBuilder head = new StringBuilder("// run with");
        new java.util.TreeMap<>(recipe.overrides()).forEach((k, v) -> head.append(' ').append(k).append('=').append(v));
        try {
            return head + "\n" + java.nio.file.Files.readString(recipe.path());
        } catch (java.io.IOException e) {
            return head + "\n" + model.source().text();
        }
    }

    /** {@code run.json}: what ran (scenario, file, seed, overrides), how it ended, how fast, and with what versions. */
    static Map<String, Object> record(ScenarioModel model, Recipe recipe, Outcome o, Duration wall, long startedAt) {
        Divergence d = o.divergence();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scenario", model.name());
        m.put("file", recipe != null ? recipe.file() : model.source().name());
        m.put("seed", model.box().seed());
        if (recipe != null && !recipe.overrides().isEmpty()) m.put("overrides", new java.util.TreeMap<>(recipe.overrides()));
        m.put("status", d == null ? "completed" : "diverged");
        if (d != null) m.put("divergence", d.getMessage());
        m.put("ticks_run", o.ticksRun());
        m.put("ticks", model.box().ticks());
        if (startedAt > 0) m.put("resumed_from_tick", startedAt);
        m.put("wall_seconds", wall.toMillis() / 1000.0);
        long agents = model.populations().stream().mapToLong(p -> p.count()).sum();
        long ticks = o.ticksRun() - startedAt;
        m.put("agent_ticks_per_second", wall.toMillis() == 0 ? null : agents * ticks * 1000.0 / wall.toMillis());
        m.put("versions", Versions.all());
        return m;
    }
}
