package org.sealedbox.runtime;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.sealedbox.dsl.Overrides;
import org.sealedbox.dsl.ScenarioCompiler;
import org.sealedbox.runtime.wiring.PluginRegistry;
import org.sealedbox.runtime.wiring.Wiring;

/**
 * How to build a run's scenario again, anywhere: the file, the {@code --set} overrides (and a sweep member's axis
 * values and seed, given the same way), the plugin folders and whether scripts are trusted. A checkpoint keeps one
 * so that {@code run --resume} rebuilds the same box; a sweep sends one per member to wherever the member runs.
 *
 * @param file      the scenario file, absolute
 * @param overrides path → value, as {@code --set} takes them ({@code seed} among them for a sweep member)
 */
public record Recipe(String file, Map<String, String> overrides, List<String> plugins, boolean trust) implements Serializable {
    public Recipe {
        overrides = Map.copyOf(new LinkedHashMap<>(overrides)); // an immutable copy; the order of paths does not matter
        plugins = List.copyOf(plugins);
    }

    public static Recipe of(Path file, Map<String, String> overrides, List<Path> plugins, boolean trust) {
        return new Recipe(file.toAbsolutePath().normalize().toString(), overrides,
                plugins.stream().map(p -> p.toAbsolutePath().normalize().toString()).toList(), trust);
    }

    /** The file, relative to the working folder when it lies inside it (as diagnostics and reports show files). */
    /**
     * A recipe as a checkpoint ({@code "recipe"}) or a {@code sweep.json} records it: {@code file}, {@code overrides}
     * (absent when none), {@code plugins}, {@code trust}.
     */
    public static Recipe of(com.fasterxml.jackson.databind.JsonNode json) {
        Map<String, String> overrides = new LinkedHashMap<>();
        json.path("overrides").fields().forEachRemaining(e -> overrides.put(e.getKey(), e.getValue().asText()));
        List<String> plugins = new java.util.ArrayList<>();
        json.path("plugins").forEach(p -> plugins.add(p.asText()));
        return new Recipe(json.get("file").asText(), overrides, plugins, json.path("trust").asBoolean());
    }

    public Path path() {
        Path abs = Path.of(file), cwd = Path.of("").toAbsolutePath();
        return abs.startsWith(cwd) ? cwd.relativize(abs) : abs;
    }

    /** The same recipe with more overrides (later ones win). */
    public Recipe with(Map<String, String> more) {
        Map<String, String> all = new LinkedHashMap<>(overrides);
        all.putAll(more);
        return new Recipe(file, all, plugins, trust);
    }

    private static final Map<List<Object>, PluginRegistry> REGISTRIES = new ConcurrentHashMap<>();

    /** The installed plugins and the recipe's folders; built once per JVM for each set of folders. */
    public PluginRegistry registry() {
        return REGISTRIES.computeIfAbsent(List.of(plugins, trust),
                k -> Wiring.registry(plugins.stream().map(Path::of).toList(), trust));
    }

    /**
     * Reads and compiles the file, then (when there are overrides) the variant of it that {@link Overrides} writes,
     * so a bad override gets the language's own diagnostics.
     *
     * @throws IllegalArgumentException for an override path that names nothing overridable
     */
    public ScenarioCompiler.Compilation compile(ScenarioLoader loader) throws IOException {
        return compile(loader, path(), overrides);
    }

    /** {@code file} compiled, then (when there are overrides) its variant; the same for a recipe and for {@code test --set}. */
    public static ScenarioCompiler.Compilation compile(ScenarioLoader loader, Path file, Map<String, String> overrides) throws IOException {
        ScenarioCompiler.Compilation base = loader.load(ScenarioCompiler.read(file));
        if (!base.ok() || overrides.isEmpty()) return base;
        // in a fixed order (a map keeps none), so that the variant's text, and its hash, is always the same
        return loader.load(Overrides.variant(file, base.model().get(), new java.util.TreeMap<>(overrides)));
    }
}
