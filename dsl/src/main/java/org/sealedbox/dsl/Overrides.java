package org.sealedbox.dsl;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sealedbox.dsl.ir.PopulationSpec;
import org.sealedbox.dsl.ir.ScenarioModel;
import org.sealedbox.dsl.source.Source;

/**
 * A scenario with some of its settings changed, written as what it is: a variant that {@code extends} the file, so
 * that overrides are checked like any scenario text and their mistakes get the same diagnostics. Paths:
 * <ul>
 *   <li>{@code seed}, {@code duration}, {@code tick}, {@code checkpoint}: the box ({@code duration = "10 years"},
 *       {@code checkpoint = "50 years"});</li>
 *   <li>{@code world.PARAM}: a parameter of the world;</li>
 *   <li>{@code POP.count}, {@code POP.model|pretrain|learner|confidence.PARAM}: a population's size, or a parameter of
 *       one of its plugins;</li>
 *   <li>{@code judge.NAME}: a judge's whole definition ({@code "ground_truth budget 4"}).</li>
 * </ul>
 */
public final class Overrides {
    private Overrides() {}

    private static final List<String> BOX = List.of("seed", "duration", "tick", "checkpoint");

    /** The variant's source: it imports {@code file} and extends its scenario with the overrides. */
    public static Source variant(Path file, ScenarioModel parent, Map<String, ?> overrides) {
        StringBuilder box = new StringBuilder(), world = new StringBuilder(), judges = new StringBuilder();
        Map<String, Map<String, StringBuilder>> pops = new LinkedHashMap<>();
        Map<String, String> counts = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : overrides.entrySet()) {
            String path = e.getKey(), value = String.valueOf(e.getValue());
            List<String> parts = List.of(path.split("\\."));
            if (parts.size() == 1 && List.of("seed", "duration", "tick").contains(path)) {
                box.append(' ').append(path).append(' ').append(value);
            } else if (path.equals("checkpoint")) {
                box.append(" checkpoint every ").append(value.replaceFirst("^every\\s+", ""));
            } else if (parts.size() == 2 && parts.get(0).equals("world")) {
                world.append(' ').append(parts.get(1)).append(' ').append(value);
            } else if (parts.size() == 2 && parts.get(0).equals("judge")) {
                judges.append("  judge ").append(parts.get(1)).append(" = ").append(value).append('\n');
            } else if (parts.size() == 2 && parts.get(1).equals("count")) {
                counts.put(parts.get(0), value);
            } else if (parts.size() == 3) {
                pops.computeIfAbsent(parts.get(0), k -> new LinkedHashMap<>())
                        .computeIfAbsent(parts.get(1), k -> new StringBuilder()).append(' ').append(parts.get(2)).append(' ').append(value);
            } else {
                String near = parts.size() == 1 ? org.sealedbox.dsl.diag.Suggestions.nearest(path, BOX).map(n -> " (did you mean `" + n + "`?)").orElse("") : "";
                throw new IllegalArgumentException("cannot override `" + path + "`" + near + ": use seed, duration, tick, checkpoint, world.PARAM, "
                        + "POP.count, POP.model|pretrain|learner|confidence.PARAM or judge.NAME");
            }
        }
        StringBuilder text = new StringBuilder();
        text.append("import \"").append(file.toAbsolutePath().toString().replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n");
        text.append("scenario \"").append(parent.name().replace("\"", "\\\"")).append("\" extends \"")
                .append(parent.name().replace("\"", "\\\"")).append("\" {\n");
        if (box.length() > 0) text.append("  box {").append(box).append(" }\n");
        if (world.length() > 0) text.append("  world ").append(parent.world().name()).append(" {").append(world).append(" }\n");
        java.util.Set<String> names = new java.util.LinkedHashSet<>(counts.keySet());
        names.addAll(pops.keySet());
        for (String pop : names) {
            PopulationSpec spec = parent.population(pop).orElseThrow(() -> new IllegalArgumentException("no population `" + pop + "` in "
                    + file + org.sealedbox.dsl.diag.Suggestions.nearest(pop, parent.populations().stream().map(PopulationSpec::name).toList())
                            .map(n -> " (did you mean `" + n + "`?)").orElse("")));
            text.append("  agents ").append(pop).append(" count ").append(counts.getOrDefault(pop, String.valueOf(spec.count()))).append(" {");
            for (Map.Entry<String, StringBuilder> part : pops.getOrDefault(pop, Map.of()).entrySet()) {
                String plugin = switch (part.getKey()) {
                    case "model" -> spec.model().name();
                    case "pretrain" -> spec.pretrain().name();
                    case "learner" -> spec.learner().name();
                    case "confidence" -> spec.confidence().name();
                    default -> throw new IllegalArgumentException("`" + part.getKey() + "` is not a part of `agents`: "
                            + "model, pretrain, learner or confidence");
                };
                // the parent's parameters stay unless overridden: a part replaces the whole line, so restate them
                PluginParams.restate(text, part.getKey(), plugin, part.getKey().equals("model") ? spec.model().params().values()
                        : part.getKey().equals("pretrain") ? spec.pretrain().params().values()
                        : part.getKey().equals("learner") ? spec.learner().params().values() : spec.confidence().params().values(),
                        part.getValue().toString());
            }
            text.append(" }\n");
        }
        text.append(judges);
        text.append("}\n");
        return new Source(file.getFileName() + " (with " + overrides.keySet() + ")", text.toString());
    }

    /** Restating a plugin line with the parent's values, then the overrides (given later, so the names must not repeat). */
    private static final class PluginParams {
        static void restate(StringBuilder text, String keyword, String plugin, Map<String, Object> values, String overrides) {
            text.append("\n    ").append(keyword).append(' ').append(plugin);
            java.util.Set<String> overridden = new java.util.HashSet<>();
            String[] words = overrides.trim().split("\\s+");
            for (int i = 0; i + 1 < words.length; i += 2) overridden.add(words[i]);
            for (Map.Entry<String, Object> v : values.entrySet()) {
                if (overridden.contains(v.getKey())) continue;
                String literal = literal(v.getValue());
                if (literal != null) text.append(' ').append(v.getKey()).append(' ').append(literal);
            }
            text.append(' ').append(overrides.trim()).append('\n');
        }

        /** How a resolved value is written in a scenario, or null when it cannot be (it then keeps its default). */
        static String literal(Object v) {
            if (v instanceof Long || v instanceof Integer) return v.toString();
            if (v instanceof Double d) return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf(d.longValue()) : d.toString();
            if (v instanceof String s) return s;
            if (v instanceof org.sealedbox.dsl.schema.Choice || v instanceof org.sealedbox.dsl.schema.IntRange) return v.toString();
            return null;
        }
    }
}
