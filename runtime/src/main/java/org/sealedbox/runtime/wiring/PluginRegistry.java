package org.sealedbox.runtime.wiring;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sealedbox.dsl.diag.Diagnostics;
import org.sealedbox.dsl.ir.ScenarioModel;
import org.sealedbox.dsl.ir.ScriptUse;
import org.sealedbox.dsl.schema.PluginCatalog;
import org.sealedbox.dsl.schema.PluginKind;
import org.sealedbox.dsl.schema.PluginSchema;
import org.sealedbox.dsl.schema.PluginScope;
import org.sealedbox.dsl.source.Source;
import org.sealedbox.runtime.spi.*;

/**
 * Every plugin factory a scenario can name, by kind and name, each with the place it came from: the installed plugins,
 * a jar from a plugin folder, a script. Also the DSL's catalog. Immutable: {@link #scope} returns a wider registry
 * for one scenario (its scripts and the {@code plugins/} folder next to it), built by the {@link Extensions} the
 * registry was made with.
 */
public final class PluginRegistry implements PluginScope, PluginLookup {
    /** A factory and where it came from, as shown in errors and by {@code sealedbox plugins}. */
    public record Registered(PluginFactory factory, String source) {}

    private final Map<PluginKind, Map<String, Registered>> byKind;
    private final Extensions extensions;

    PluginRegistry(Map<PluginKind, Map<String, Registered>> byKind, Extensions extensions) {
        Map<PluginKind, Map<String, Registered>> copy = new EnumMap<>(PluginKind.class);
        for (PluginKind k : PluginKind.values()) {
            copy.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(byKind.getOrDefault(k, Map.of()))));
        }
        this.byKind = copy;
        this.extensions = extensions;
    }

    /**
     * This registry with {@code factories} from {@code source} added.
     *
     * @throws PluginLoadException when one of them has the name of a plugin of its kind already here
     */
    PluginRegistry plus(List<PluginFactory> factories, String source) {
        Map<PluginKind, Map<String, Registered>> merged = new EnumMap<>(PluginKind.class);
        byKind.forEach((k, m) -> merged.put(k, new LinkedHashMap<>(m)));
        for (PluginFactory f : factories) {
            PluginSchema s = f.schema();
            if (s == null || s.kind() == null || s.name() == null) {
                throw new PluginLoadException(source + ": " + f.getClass().getName() + " declares no schema (kind and name)");
            }
            Registered before = merged.get(s.kind()).putIfAbsent(s.name(), new Registered(f, source));
            if (before != null && before.factory() == f) continue; // the same plugin, seen again (a scope of a scope)
            if (before != null) {
                throw new PluginLoadException(s.kind().keyword() + " `" + s.name() + "` is defined twice: by " + source
                        + " and by " + before.source() + ". Rename one of them (each kind of plugin is one namespace).");
            }
        }
        return new PluginRegistry(merged, extensions);
    }

    @Override
    public Optional<PluginSchema> find(PluginKind kind, String name) {
        return Optional.ofNullable(byKind.get(kind).get(name)).map(r -> r.factory().schema());
    }

    @Override
    public List<PluginSchema> all(PluginKind kind) {
        List<PluginSchema> out = new ArrayList<>();
        byKind.get(kind).values().forEach(r -> out.add(r.factory().schema()));
        out.sort(java.util.Comparator.comparing(PluginSchema::name));
        return out;
    }

    /** Where plugin {@code name} of {@code kind} came from, if there is one. */
    public Optional<String> source(PluginKind kind, String name) {
        return Optional.ofNullable(byKind.get(kind).get(name)).map(Registered::source);
    }

    @Override
    public PluginFactory factory(PluginKind kind, String name) {
        Registered r = byKind.get(kind).get(name);
        if (r == null) throw new IllegalArgumentException("no " + kind.keyword() + " plugin `" + name + "`");
        return r.factory();
    }

    public <F extends PluginFactory> F factory(PluginKind kind, String name, Class<F> type) {
        return type.cast(factory(kind, name));
    }

    /** The catalog for the scenario in {@code main}: this one, plus its scripts and the jars in a {@code plugins/} folder beside it. */
    @Override
    public PluginCatalog scope(Source main, List<ScriptUse> scripts, Diagnostics diagnostics) {
        return extensions.scope(this, main, scripts, diagnostics);
    }

    /**
     * The registry a validated scenario runs with (the same factories its check saw).
     *
     * @throws IllegalStateException if its scripts or neighbouring plugins no longer load (changed since the check)
     */
    public PluginRegistry forScenario(ScenarioModel scenario) {
        Diagnostics d = new Diagnostics();
        PluginRegistry r = extensions.scope(this, scenario.source(), scenario.scripts(), d);
        if (d.hasErrors()) throw new IllegalStateException("the scenario's plugins no longer load:\n" + d.render());
        return r;
    }
}
