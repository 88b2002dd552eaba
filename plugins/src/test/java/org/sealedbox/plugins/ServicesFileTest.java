package org.sealedbox.plugins;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sealedbox.dsl.schema.ParamSpec;
import org.sealedbox.dsl.schema.PluginKind;
import org.sealedbox.dsl.schema.PluginSchema;
import org.sealedbox.runtime.spi.PluginModule;

/** Every module in the services file loads, and every plugin declares a usable schema. */
class ServicesFileTest {
    private static final java.util.Set<String> KEYWORDS = java.util.Set.of("scenario", "about", "box", "duration", "tick",
            "seed", "world", "agents", "count", "model", "pretrain", "learner", "lifetime", "context", "forever", "judge",
            "each", "proposes", "at", "frontier", "anywhere", "selects", "from", "into", "measure", "every", "expect",
            "start", "end", "always", "eventually", "confidence", "generation");

    @Test
    void everyListedModuleIsAPluginModule() throws IOException {
        List<String> lines;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/services/" + PluginModule.class.getName())) {
            assertNotNull(in);
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        }
        assertFalse(lines.isEmpty());
        for (String line : lines) {
            assertDoesNotThrow(() -> {
                Class<?> c = Class.forName(line.trim());
                assertTrue(PluginModule.class.isAssignableFrom(c), line);
            }, line);
        }
    }

    @Test
    void everyPluginHasADocAndParametersWithDocsAndNoReservedNames() {
        for (PluginKind kind : PluginKind.values()) {
            for (PluginSchema s : Boxes.REGISTRY.all(kind)) {
                assertFalse(s.doc().isBlank(), s.name());
                for (ParamSpec p : s.params()) {
                    assertFalse(p.doc().isBlank(), s.name() + "." + p.name());
                    assertFalse(KEYWORDS.contains(p.name()), s.name() + "." + p.name() + " is a keyword of the language");
                }
            }
        }
    }

    @Test
    void theStandardLibraryIsInstalled() {
        assertEquals(List.of("concepts", "gaussian", "genome"), Boxes.REGISTRY.names(PluginKind.WORLD));
        assertTrue(Boxes.REGISTRY.names(PluginKind.JUDGE).containsAll(List.of("accept_all", "self_confidence")));
        assertTrue(Boxes.REGISTRY.names(PluginKind.MEASURE).containsAll(List.of("accuracy", "frontier", "drift")));
    }
}
