package org.sealedbox.runtime.wiring;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealedbox.dsl.schema.ParamValues;
import org.sealedbox.dsl.schema.PluginKind;
import org.sealedbox.dsl.schema.PluginSchema;
import org.sealedbox.runtime.spi.Learner;
import org.sealedbox.runtime.spi.LearnerFactory;

class PluginRegistryTest {
    static LearnerFactory learner(String name) {
        return new LearnerFactory() {
            final PluginSchema schema = new PluginSchema(PluginKind.LEARNER, name, "a test learner", List.of());

            @Override public PluginSchema schema() { return schema; }

            @Override public Learner create(ParamValues params) { throw new UnsupportedOperationException(); }
        };
    }

    static PluginRegistry installed(LearnerFactory... factories) {
        return new PluginRegistry(Map.of(), new Extensions(false, PluginRegistryTest.class.getClassLoader()))
                .plus(List.of(factories), "the installed plugins in sealedbox-plugins.jar");
    }

    @Test
    void aJarDefiningAnInstalledNameIsAnErrorNamingBothSources() {
        PluginRegistry r = installed(learner("sft"));
        PluginLoadException e = assertThrows(PluginLoadException.class,
                () -> r.plus(List.of(learner("sft")), "plugins/my-learners.jar"));
        assertEquals("learner `sft` is defined twice: by plugins/my-learners.jar and by the installed plugins in sealedbox-plugins.jar. "
                + "Rename one of them (each kind of plugin is one namespace).", e.getMessage());
    }

    @Test
    void kindsAreSeparateNamespacesAndSourcesAreKept() {
        PluginRegistry r = installed(learner("sft")).plus(List.of(learner("surprise")), "plugins/surprise.jar");
        assertEquals("plugins/surprise.jar", r.source(PluginKind.LEARNER, "surprise").orElseThrow());
        assertTrue(r.find(PluginKind.JUDGE, "surprise").isEmpty());
        assertEquals(List.of("sft", "surprise"), r.all(PluginKind.LEARNER).stream().map(PluginSchema::name).toList());
    }

    @Test
    void theSameFactorySeenTwiceIsNoClash() {
        LearnerFactory f = learner("surprise");
        PluginRegistry r = installed().plus(List.of(f), "the script a.groovy");
        assertSame(f, r.plus(List.of(f), "the script a.groovy").factory(PluginKind.LEARNER, "surprise"));
    }

    @Test
    void aMissingPluginFolderIsAClearError(@TempDir Path dir) {
        PluginLoadException e = assertThrows(PluginLoadException.class, () -> Wiring.registry(List.of(dir.resolve("nope")), false));
        assertTrue(e.getMessage().endsWith("nope: there is no such folder of plugin jars"), e.getMessage());
    }

    @Test
    void aFolderWithoutJarsAddsNothing(@TempDir Path dir) {
        assertEquals(Wiring.registry().all(PluginKind.LEARNER), Wiring.registry(List.of(dir), false).all(PluginKind.LEARNER));
    }
}
