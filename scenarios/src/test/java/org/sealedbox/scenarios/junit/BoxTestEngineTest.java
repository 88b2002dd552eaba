package org.sealedbox.scenarios.junit;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.sealedbox.scenarios.Cli;

/** The scenario engine, driven through the JUnit Platform's own test kit. */
class BoxTestEngineTest {
    static final Path FIXTURES = Cli.root().resolve("scenarios/src/test/engine-fixtures");

    static EngineExecutionResults run(org.junit.platform.engine.DiscoverySelector... selectors) {
        return EngineTestKit.engine(new BoxTestEngine())
                .configurationParameter(BoxTestEngine.SCENARIOS, "") // only what is selected here, not the build's folders
                .configurationParameter(BoxTestEngine.PARALLEL, "2")
                .selectors(selectors)
                .execute();
    }

    @Test
    void eachScenarioIsAContainerAndEachExpectATestPointingAtItsLine() {
        EngineExecutionResults r = run(selectDirectory(FIXTURES.toFile()));
        // the engine and three scenario files
        r.containerEvents().assertStatistics(s -> s.started(4).finished(4));
        // passing: 2 hold; failing: 1 holds, 1 fails; broken: its one "compiles" test fails
        r.testEvents().assertStatistics(s -> s.started(5).succeeded(3).failed(2));
        List<Event> failed = r.testEvents().failed().list();
        Event expectation = failed.stream().filter(e -> e.getTestDescriptor().getDisplayName().startsWith("failing.box:12:")).findFirst().orElseThrow();
        FileSource source = (FileSource) expectation.getTestDescriptor().getSource().orElseThrow();
        assertEquals("failing.box", source.getFile().getName());
        assertEquals(12, source.getPosition().orElseThrow().getLine());
        String message = expectation.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow().getMessage();
        assertTrue(message.contains("failing.box:12: expect accuracy(human) at end > 2"), message);
    }

    @Test
    void aScenarioThatDoesNotCompileIsAFailingTestWithItsDiagnosticsNeverNoTests() {
        EngineExecutionResults r = run(selectFile(FIXTURES.resolve("broken.box").toFile()));
        r.testEvents().assertStatistics(s -> s.started(1).failed(1));
        Event compiles = r.testEvents().failed().list().get(0);
        String message = compiles.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow().getMessage();
        assertTrue(message.contains("broken.box:5:13: error: unknown judge `self_confidance`"), message);
        assertTrue(message.contains("did you mean `self_confidence`?"), message);
        FileSource source = (FileSource) compiles.getTestDescriptor().getSource().orElseThrow();
        assertEquals(5, source.getPosition().orElseThrow().getLine());
    }

    @Test
    void aSweptScenarioHasATestPerVariantAndExpectationJudgedAcrossItsSeeds() {
        EngineExecutionResults r = run(selectFile(Cli.root().resolve("scenarios/src/test/engine-fixtures-sweep/swept.box").toFile()));
        // 2 variants × 2 expectations; accuracy(human) > 0.99 does not hold in half the seeds at this size
        r.testEvents().assertStatistics(s -> s.started(4));
        List<String> names = r.testEvents().started().list().stream().map(e -> e.getTestDescriptor().getDisplayName()).toList();
        assertTrue(names.contains("swept.box:15: [llm.learner.lr=0.01] expect mean(accuracy(human) at end) > 0.5"), names.toString());
        assertTrue(names.contains("swept.box:16: [llm.learner.lr=0.05] expect accuracy(human) at end > 0.99 in 50% of seeds"), names.toString());
        r.testEvents().succeeded().list().forEach(e -> assertTrue(e.getTestDescriptor().getDisplayName().contains("mean("),
                e.getTestDescriptor().getDisplayName()));
    }
}
