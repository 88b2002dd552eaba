package org.sealedbox.scenarios;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sealedbox.dsl.ScenarioCompiler;
import org.sealedbox.dsl.source.Source;
import org.sealedbox.runtime.Outcome;
import org.sealedbox.runtime.ScenarioLoader;
import org.sealedbox.runtime.Simulation;
import org.sealedbox.runtime.results.Verdicts;
import org.sealedbox.runtime.wiring.PluginRegistry;
import org.sealedbox.runtime.wiring.Wiring;

/** Every scenario under {@code scenarios/published/} reproduces its published result: all its expectations hold. */
class PublishedScenariosTest {
    static final PluginRegistry REGISTRY = Wiring.registry();

    static Stream<Path> published() throws IOException {
        try (Stream<Path> files = Files.list(Cli.root().resolve("scenarios/published"))) {
            return files.filter(f -> f.toString().endsWith(".box")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("published")
    void expectationsHold(Path file) throws IOException {
        ScenarioCompiler.Compilation c = new ScenarioLoader(REGISTRY).load(new Source(Cli.root().relativize(file).toString(), Files.readString(file)));
        assertTrue(c.ok(), c.diagnostics().render());
        Outcome o = Simulation.run(c.model().get(), REGISTRY, List.of());
        StringBuilder failed = new StringBuilder();
        for (Verdicts.Verdict v : o.verdicts()) {
            if (!Boolean.TRUE.equals(v.holds())) failed.append(v.expectation().span()).append(": ").append(v.detail()).append('\n');
        }
        assertTrue(failed.length() == 0, failed.toString());
    }
}
