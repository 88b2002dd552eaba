package org.sealedbox.runtime.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.sealedbox.runtime.spi.Plugins;
import org.sealedbox.runtime.spi.PluginModule;

/** Builds the injector from every {@link PluginModule} on the class path. */
public final class Wiring {
    private Wiring() {}

    public static Injector injector(ClassLoader loader) {
        List<com.google.inject.Module> modules = new ArrayList<>();
        modules.add(new AbstractModule() {
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
        for (PluginModule m : ServiceLoader.load(PluginModule.class, loader)) modules.add(m);
        return Guice.createInjector(Stage.PRODUCTION, modules);
    }

    public static PluginRegistry registry() {
        return injector(Wiring.class.getClassLoader()).getInstance(PluginRegistry.class);
    }
}
