package org.sealedbox.runtime.wiring;

import com.google.inject.Inject;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sealedbox.dsl.schema.PluginCatalog;
import org.sealedbox.dsl.schema.PluginKind;
import org.sealedbox.dsl.schema.PluginSchema;
import org.sealedbox.runtime.spi.*;

/** Every installed plugin factory by kind and name, as bound by the plugin modules; also the DSL's catalog. */
public final class PluginRegistry implements PluginCatalog, PluginLookup {
    private final Map<PluginKind, Map<String, ? extends PluginFactory>> byKind = new EnumMap<>(PluginKind.class);

    @Inject
    public PluginRegistry(Map<String, WorldFactory> worlds, Map<String, ModelFactory> models,
                          Map<String, PretrainFactory> pretraining, Map<String, LearnerFactory> learners,
                          Map<String, ConfidenceFactory> confidences, Map<String, JudgeFactory> judges,
                          Map<String, MeasureFactory> measures, Map<String, EfficacyFactory> efficacies) {
        byKind.put(PluginKind.WORLD, worlds);
        byKind.put(PluginKind.MODEL, models);
        byKind.put(PluginKind.PRETRAIN, pretraining);
        byKind.put(PluginKind.LEARNER, learners);
        byKind.put(PluginKind.CONFIDENCE, confidences);
        byKind.put(PluginKind.JUDGE, judges);
        byKind.put(PluginKind.MEASURE, measures);
        byKind.put(PluginKind.EFFICACY, efficacies);
        byKind.forEach((kind, map) -> map.forEach((name, factory) -> {
            PluginSchema s = factory.schema();
            if (s.kind() != kind || !s.name().equals(name)) {
                throw new IllegalStateException("plugin bound as " + kind.keyword() + " `" + name + "` declares itself "
                        + s.kind().keyword() + " `" + s.name() + "` (" + factory.getClass().getName() + ")");
            }
        }));
    }

    @Override
    public Optional<PluginSchema> find(PluginKind kind, String name) {
        return Optional.ofNullable(byKind.get(kind).get(name)).map(PluginFactory::schema);
    }

    @Override
    public List<PluginSchema> all(PluginKind kind) {
        List<PluginSchema> out = new ArrayList<>();
        byKind.get(kind).values().forEach(f -> out.add(f.schema()));
        out.sort(java.util.Comparator.comparing(PluginSchema::name));
        return out;
    }

    @Override
    public PluginFactory factory(PluginKind kind, String name) {
        PluginFactory f = byKind.get(kind).get(name);
        if (f == null) throw new IllegalArgumentException("no " + kind.keyword() + " plugin `" + name + "`");
        return f;
    }

    @SuppressWarnings("unchecked")
    public <F extends PluginFactory> F factory(PluginKind kind, String name, Class<F> type) {
        return type.cast(factory(kind, name));
    }
}
