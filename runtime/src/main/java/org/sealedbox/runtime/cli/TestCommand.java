package org.sealedbox.runtime.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.sealedbox.runtime.results.Verdicts;
import org.sealedbox.runtime.suite.JUnitXml;
import org.sealedbox.runtime.suite.ScenarioRun;
import org.sealedbox.runtime.suite.Suite;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Runs every scenario under the given folders (default: scenarios/canon, scenarios/published,",
                "scenarios/examples) and judges their expectations.",
                "Prints a line per scenario and one per failing expectation, writes JUnit XML, and exits 0 when every",
                "expectation holds, 1 when one fails or a file has errors."})
final class TestCommand implements Callable<Integer> {
    static final List<Path> DEFAULT = List.of(Path.of("scenarios", "canon"), Path.of("scenarios", "published"), Path.of("scenarios", "examples"));

    @Parameters(arity = "0..*", paramLabel = "DIR", description = "folders or scenario files (default: the canon, published and examples folders)")
    List<Path> roots;

    @Option(names = "--xml", paramLabel = "DIR", description = "where the JUnit XML reports go (default: ${DEFAULT-VALUE})")
    Path xml = Path.of("runs", "test-reports");

    @Option(names = "--threads", paramLabel = "N", description = "scenarios run side by side (default: one per core)")
    int threads = Suite.defaultThreads();

    @Mixin
    SetOptions sets;

    @Mixin
    PluginOptions plugins;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        List<Path> files;
        try {
            files = Suite.find(roots == null || roots.isEmpty() ? DEFAULT : roots);
        } catch (java.nio.file.NoSuchFileException e) {
            err.println(e.getFile() + ": no such file or folder");
            return Main.BAD_INPUT;
        }
        if (files.isEmpty()) {
            err.println("no scenario files (*.box) under " + (roots == null || roots.isEmpty() ? DEFAULT : roots));
            return Main.FAILED;
        }
        out.printf("running %d scenario%s, %d at a time%n", files.size(), files.size() == 1 ? "" : "s", Math.max(1, threads));
        out.flush();
        var registry = plugins.registry(err);
        if (registry == null) return Main.BAD_INPUT;
        Suite suite = new Suite(registry, sets.values());
        List<Future<ScenarioRun>> runs = suite.start(files, threads);
        int scenariosFailed = 0, held = 0, failed = 0, broken = 0;
        for (Future<ScenarioRun> f : runs) {
            ScenarioRun run;
            try {
                run = f.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
            JUnitXml.write(run, xml);
            if (!run.compiled()) {
                broken++;
                scenariosFailed++;
                out.printf("✗ %s  does not compile%n", run.file());
                if (run.compilation() != null) err.print(run.compilation().diagnostics().render());
                else err.println(run.error());
                err.flush();
                continue;
            }
            long ok = run.verdicts().stream().filter(v -> Boolean.TRUE.equals(v.holds())).count();
            held += (int) ok;
            failed += run.verdicts().size() - (int) ok;
            if (!run.passed()) scenariosFailed++;
            out.printf(Locale.ROOT, "%s %s  \"%s\"  %d of %d hold  (%.1f s)%n", run.passed() ? "✓" : "✗", run.file(),
                    run.compilation().model().get().name(), ok, run.verdicts().size(), run.seconds());
            for (Verdicts.Verdict v : run.verdicts()) {
                if (!Boolean.TRUE.equals(v.holds())) out.println("    ✗ " + ScenarioRun.describe(v));
            }
            if (run.error() != null) out.println("    ✗ " + run.error());
            if (run.outcome() != null && run.outcome().divergence() != null) out.println("    ✗ " + run.outcome().divergence().getMessage());
            out.flush();
        }
        out.printf("%d scenario%s: %d passed, %d failed (%d do not compile); expectations: %d hold, %d fail; JUnit XML in %s%n",
                files.size(), files.size() == 1 ? "" : "s", files.size() - scenariosFailed, scenariosFailed, broken, held, failed, xml);
        out.flush();
        return scenariosFailed == 0 ? Main.OK : Main.FAILED;
    }
}
