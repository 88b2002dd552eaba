package org.sealedbox.scenarios.junit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestEngine;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.ClasspathRootSelector;
import org.junit.platform.engine.discovery.DirectorySelector;
import org.junit.platform.engine.discovery.FileSelector;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;
import org.opentest4j.AssertionFailedError;
import org.sealedbox.runtime.results.Verdicts;
import org.sealedbox.runtime.suite.ScenarioRun;
import org.sealedbox.runtime.suite.Suite;
import org.sealedbox.runtime.wiring.PluginRegistry;
import org.sealedbox.runtime.wiring.Wiring;

/**
 * A JUnit Platform engine for scenario files, in the manner of Spock's: every {@code *.box} file is a container and
 * every {@code expect} line in it a test, each with a {@code FileSource} pointing at its line, so that a failure reads
 * {@code file:line} in Maven, Gradle and the IDE. A file that does not compile is a container with one failing test
 * holding its diagnostics — never "no tests found".
 *
 * <p>Files come from the discovery request (file, directory, classpath-root and unique-id selectors) and from the
 * configuration parameter {@value #SCENARIOS} (folders or files, comma-separated). Scenarios run side by side,
 * {@value #PARALLEL} at a time (default: one per core); each is one box on one thread, so its numbers do not change.
 */
public final class BoxTestEngine implements TestEngine {
    public static final String ID = "sealedbox";
    /** Configuration parameter: folders or files of scenarios to run, comma-separated. */
    public static final String SCENARIOS = "sealedbox.scenarios";
    /** Configuration parameter: how many scenarios run side by side. */
    public static final String PARALLEL = "sealedbox.parallel";

    private PluginRegistry registry;

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public Optional<String> getGroupId() {
        return Optional.of("org.sealedbox");
    }

    @Override
    public Optional<String> getArtifactId() {
        return Optional.of("sealedbox-scenarios");
    }

    private synchronized PluginRegistry registry() {
        if (registry == null) registry = Wiring.registry();
        return registry;
    }

    @Override
    public TestDescriptor discover(EngineDiscoveryRequest request, UniqueId uniqueId) {
        EngineDescriptor engine = new EngineDescriptor(uniqueId, "sealedbox scenarios");
        TreeSet<Path> files = new TreeSet<>();
        try {
            for (FileSelector s : request.getSelectorsByType(FileSelector.class)) {
                if (s.getRawPath().endsWith(".box")) files.add(s.getPath().toAbsolutePath().normalize());
            }
            for (DirectorySelector s : request.getSelectorsByType(DirectorySelector.class)) {
                // a folder that is not there is a failing test ("cannot read"), not a discovery that throws: Surefire,
                // forking, discovers in its own JVM, whose working folder may not be the one the tests run in
                if (!Files.exists(s.getPath())) files.add(s.getPath().toAbsolutePath().normalize());
                else files.addAll(absolute(Suite.find(List.of(s.getPath()))));
            }
            for (ClasspathRootSelector s : request.getSelectorsByType(ClasspathRootSelector.class)) {
                Path root = Path.of(s.getClasspathRoot());
                if (Files.isDirectory(root)) files.addAll(absolute(Suite.find(List.of(root))));
            }
            for (UniqueIdSelector s : request.getSelectorsByType(UniqueIdSelector.class)) {
                UniqueId id = s.getUniqueId();
                if (!id.getEngineId().map(ID::equals).orElse(false)) continue;
                id.getSegments().stream().filter(seg -> seg.getType().equals(ScenarioDescriptor.SEGMENT)).findFirst()
                        .ifPresent(seg -> files.add(Path.of(seg.getValue())));
            }
            Optional<String> configured = request.getConfigurationParameters().get(SCENARIOS);
            if (configured.isPresent()) {
                List<Path> roots = new ArrayList<>();
                for (String part : configured.get().split(",")) if (!part.isBlank()) roots.add(Path.of(part.trim()));
                List<Path> existing = roots.stream().filter(Files::exists).toList();
                files.addAll(absolute(Suite.find(existing)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Suite suite = new Suite(registry());
        for (Path f : files) engine.addChild(ScenarioDescriptor.discover(engine.getUniqueId(), f, suite));
        return engine;
    }

    private static List<Path> absolute(List<Path> paths) {
        return paths.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    }

    @Override
    public void execute(ExecutionRequest request) {
        TestDescriptor engine = request.getRootTestDescriptor();
        EngineExecutionListener listener = request.getEngineExecutionListener();
        listener.executionStarted(engine);
        List<ScenarioDescriptor> scenarios = new ArrayList<>();
        for (TestDescriptor d : engine.getChildren()) if (d instanceof ScenarioDescriptor s) scenarios.add(s);
        int threads = request.getConfigurationParameters().get(PARALLEL, Integer::parseInt).orElse(Suite.defaultThreads());
        Suite suite = new Suite(registry());
        List<Path> runnable = scenarios.stream().filter(ScenarioDescriptor::compiled).map(ScenarioDescriptor::file).toList();
        List<Future<ScenarioRun>> futures = suite.start(runnable, threads);
        int next = 0;
        // every listener call comes from this thread, in discovery order, as each scenario's run completes
        for (ScenarioDescriptor s : scenarios) {
            listener.executionStarted(s);
            if (!s.compiled()) {
                for (TestDescriptor child : s.getChildren()) {
                    listener.executionStarted(child);
                    listener.executionFinished(child, TestExecutionResult.failed(new AssertionFailedError(s.problem())));
                }
                listener.executionFinished(s, TestExecutionResult.successful());
                continue;
            }
            ScenarioRun run;
            try {
                run = futures.get(next++).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                listener.executionFinished(s, TestExecutionResult.aborted(e));
                continue;
            } catch (ExecutionException e) {
                listener.executionFinished(s, TestExecutionResult.failed(e.getCause()));
                continue;
            }
            report(s, run, listener);
        }
        listener.executionFinished(engine, TestExecutionResult.successful());
    }

    private static void report(ScenarioDescriptor s, ScenarioRun run, EngineExecutionListener listener) {
        if (run.outcome() == null) {
            String why = run.error() != null ? run.error() : "the scenario did not run";
            for (TestDescriptor child : s.getChildren()) {
                listener.executionStarted(child);
                listener.executionFinished(child, TestExecutionResult.failed(new AssertionFailedError(why)));
            }
            listener.executionFinished(s, TestExecutionResult.failed(new AssertionFailedError(why)));
            return;
        }
        List<Verdicts.Verdict> verdicts = run.verdicts();
        for (TestDescriptor child : s.getChildren()) {
            listener.executionStarted(child);
            int index = ((ExpectDescriptor) child).index();
            Verdicts.Verdict v = index < verdicts.size() ? verdicts.get(index) : null;
            TestExecutionResult result;
            if (v == null) {
                result = TestExecutionResult.failed(new AssertionFailedError("no verdict for this expectation"));
            } else if (Boolean.TRUE.equals(v.holds())) {
                result = TestExecutionResult.successful();
            } else {
                String message = ScenarioRun.describe(v);
                if (run.outcome().divergence() != null) message += "\n" + run.outcome().divergence().getMessage();
                result = TestExecutionResult.failed(new AssertionFailedError(message));
            }
            listener.executionFinished(child, result);
        }
        listener.executionFinished(s, TestExecutionResult.successful());
    }
}
