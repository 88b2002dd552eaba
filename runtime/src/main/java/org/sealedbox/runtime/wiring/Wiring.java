package org.sealedbox.runtime.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Inject;
import com.google.inject.Stage;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.sealedbox.dsl.schema.PluginKind;
import org.sealedbox.runtime.spi.*;

/**
 * Builds the plugin registry: every {@link PluginModule} on sealedbox's class path (the installed plugins), then those
 * in the jars of each plugin folder ({@code --plugins DIR}). Each code source (a jar, a folder of classes) gets an
 * injector of its own, so that two of them defining the same name is reported with both their names.
 */
public final class Wiring {
    private Wiring() {}

    /** The installed plugins only, scripts sandboxed. */
    public static PluginRegistry registry() {
        return registry(List.of(), false);
    }

    /**
     * @param pluginFolders folders of plugin jars, in order
     * @param trust         whether scenarios' scripts run without the sandbox
     * @throws PluginLoadException with a sentence for the user when a folder or jar cannot be installed
     */
    public static PluginRegistry registry(List<Path> pluginFolders, boolean trust) {
        ClassLoader loader = Wiring.class.getClassLoader();
        Extensions extensions = new Extensions(trust, loader);
        PluginRegistry r = new PluginRegistry(Map.of(), extensions);
        Map<String, List<PluginModule>> installed = new LinkedHashMap<>();
        for (PluginModule m : ServiceLoader.load(PluginModule.class, loader)) {
            installed.computeIfAbsent("the installed plugins in " + location(m.getClass()), k -> new ArrayList<>()).add(m);
        }
        for (var e : installed.entrySet()) r = r.plus(factories(e.getValue(), e.getKey()), e.getKey());
        for (Path folder : pluginFolders) r = extensions.addFolder(r, folder);
        return r;
    }

    /** The factories {@code modules} bind, through an injector of their own. */
    static List<PluginFactory> factories(List<? extends com.google.inject.Module> modules, String source) {
        List<com.google.inject.Module> all = new ArrayList<>();
        all.add(new AbstractModule() {
            @Override
            protected void configure() {
                // declare every map, so that a kind with no plugins is an empty map rather than a missing binding
                Plugins.worlds(binder());
                Plugins.models(binder());
                Plugins.pretraining(binder());
                Plugins.learners(binder());
                Plugins.confidences(binder());
                Plugins.judges(binder());
                Plugins.measures(binder());
                Plugins.efficacies(binder());
            }
        });
        all.addAll(modules);
        try {
            return Guice.createInjector(Stage.PRODUCTION, all).getInstance(Bound.class).factories(source);
        } catch (CreationException e) {
            String first = e.getErrorMessages().isEmpty() ? e.getMessage() : e.getErrorMessages().iterator().next().getMessage();
            throw new PluginLoadException(source + ": its plugin modules cannot be wired: " + first.lines().findFirst().orElse(first), e);
        }
    }

    /** Where a class was loaded from: its jar's file name, or its classes folder. */
    static String location(Class<?> c) {
        try {
            var cs = c.getProtectionDomain().getCodeSource();
            if (cs == null) return c.getName();
            Path p = Path.of(cs.getLocation().toURI());
            return p.getFileName().toString().endsWith(".jar") ? p.getFileName().toString() : Extensions.shown(p);
        } catch (URISyntaxException | RuntimeException e) {
            return c.getName();
        }
    }

    /** What one injector bound, by kind and name. */
    static final class Bound {
        private final List<Map<String, ? extends PluginFactory>> maps;

        @Inject
        Bound(Map<String, WorldFactory> worlds, Map<String, ModelFactory> models, Map<String, PretrainFactory> pretraining,
              Map<String, LearnerFactory> learners, Map<String, ConfidenceFactory> confidences, Map<String, JudgeFactory> judges,
              Map<String, MeasureFactory> measures, Map<String, EfficacyFactory> efficacies) {
            maps = List.of(worlds, models, pretraining, learners, confidences, judges, measures, efficacies);
        }

        private static final List<PluginKind> KINDS = List.of(PluginKind.WORLD, PluginKind.MODEL, PluginKind.PRETRAIN,
                PluginKind.LEARNER, PluginKind.CONFIDENCE, PluginKind.JUDGE, PluginKind.MEASURE, PluginKind.EFFICACY);

        List<PluginFactory> factories(String source) {
            List<PluginFactory> out = new ArrayList<>();
            for (int i = 0; i < maps.size(); i++) {
                PluginKind kind = KINDS.get(i);
                maps.get(i).forEach((name, f) -> {
                    var s = f.schema();
                    if (s == null || s.kind() != kind || !s.name().equals(name)) {
                        throw new PluginLoadException(source + ": " + f.getClass().getName() + " is bound as " + kind.keyword()
                                + " `" + name + "` but its schema says " + (s == null ? "nothing" : s.kind().keyword() + " `" + s.name() + "`"));
                    }
                    out.add(f);
                });
            }
            return out;
        }
    }

    /** Loads the service entries of the jars in one class loader, grouped by the jar each module class is in. */
    static Map<String, List<PluginModule>> modules(ClassLoader jars, String folder) {
        Map<String, List<PluginModule>> out = new LinkedHashMap<>();
        try {
            for (PluginModule m : ServiceLoader.load(PluginModule.class, jars)) {
                if (m.getClass().getClassLoader() != jars) continue; // an installed module, seen through the parent
                out.computeIfAbsent(folder + "/" + location(m.getClass()), k -> new ArrayList<>()).add(m);
            }
        } catch (ServiceConfigurationError e) {
            throw new PluginLoadException(folder + ": a jar names a plugin module that cannot be loaded: " + e.getMessage(), e);
        } catch (LinkageError e) {
            throw new PluginLoadException(folder + ": a plugin module does not link against this sealedbox: " + e, e);
        }
        return out;
    }
}
