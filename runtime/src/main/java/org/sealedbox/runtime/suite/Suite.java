package org.sealedbox.runtime.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sealedbox.dsl.Overrides;
import org.sealedbox.dsl.ScenarioCompiler;
import org.sealedbox.dsl.ir.Expectation;
import org.sealedbox.dsl.ir.ScenarioModel;
import org.sealedbox.dsl.ir.SweepSpec;
import org.sealedbox.runtime.box.MetricsRow;
import org.sealedbox.runtime.results.Verdicts;
import org.sealedbox.runtime.Outcome;
import org.sealedbox.runtime.ScenarioLoader;
import org.sealedbox.runtime.Simulation;
import org.sealedbox.runtime.wiring.PluginRegistry;

/**
 * Scenario files as a test suite: finds them, compiles them, and runs them — several at a time, one box per thread
 * (a box is single-threaded and owns its random streams, so running boxes side by side changes none of their numbers).
 * Shared by {@code sealedbox test} and the JUnit Platform engine.
 */
public final class Suite {
    private final ScenarioLoader loader;
    private final Map<String, String> sets;

    public Suite(PluginRegistry registry) {
        this(registry, Map.of());
    }

    /** {@code sets}: {@code --set} overrides, applied to every file (checked like the file itself). */
    public Suite(PluginRegistry registry, Map<String, String> sets) {
        this.loader = new ScenarioLoader(registry);
        this.sets = Map.copyOf(sets);
    }

    /** Every {@code *.box} file under the given files and folders (not inside build output, {@code target}), sorted, each once. */
    public static List<Path> find(List<Path> roots) throws IOException {
        java.util.TreeSet<Path> out = new java.util.TreeSet<>();
        for (Path root : roots) {
            if (Files.isDirectory(root)) {
                try (Stream<Path> walk = Files.walk(root)) {
                    walk.filter(p -> p.toString().endsWith(".box") && Files.isRegularFile(p))
                            .filter(p -> !root.relativize(p).toString().matches("(.*/)?target/.*"))
                            .forEach(p -> out.add(p.normalize()));
                }
            } else if (Files.isRegularFile(root)) {
                out.add(root.normalize());
            } else {
                throw new java.nio.file.NoSuchFileException(root.toString());
            }
        }
        return new ArrayList<>(out);
    }

    /** Compiles a file; read problems become a compilation-less result. */
    public ScenarioCompiler.Compilation compile(Path file) throws IOException {
        return org.sealedbox.runtime.Recipe.compile(loader, file, sets);
    }

    /** Compiles and runs one file. Never throws: what went wrong is in the result. */
    public ScenarioRun run(Path file) {
        long start = System.nanoTime();
        ScenarioCompiler.Compilation c;
        try {
            c = compile(file);
        } catch (IOException e) {
            return new ScenarioRun(file, null, null, "cannot read " + file + ": " + e.getMessage(), 0);
        } catch (IllegalArgumentException e) {
            return new ScenarioRun(file, null, null, "--set: " + e.getMessage(), 0);
        }
        if (!c.ok()) return new ScenarioRun(file, c, null, null, seconds(start));
        if (c.model().get().sweep() != null) return sweep(file, c, start);
        try {
            Outcome o = Simulation.run(c.model().get(), loader.registry(), List.of());
            return new ScenarioRun(file, c, o, null, seconds(start));
        } catch (RuntimeException e) {
            return new ScenarioRun(file, c, null, "the run failed: " + e, seconds(start));
        }
    }

    /**
     * A swept scenario: every variant with every seed, each a variant of the file written with {@code extends} (so
     * a bad value gets the language's diagnostics), run side by side; each expectation judged per variant across its
     * seeds. The verdicts come variant by variant, each with the scenario's expectations in order.
     */
    private ScenarioRun sweep(Path file, ScenarioCompiler.Compilation c, long start) {
        ScenarioModel m = c.model().get();
        SweepSpec sweep = m.sweep();
        List<Verdicts.Verdict> verdicts = new ArrayList<>();
        List<MetricsRow> firstRows = List.of();
        org.sealedbox.runtime.box.Divergence divergence = null;
        long ticks = 0;
        java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(Math.max(1, defaultThreads()));
        try {
            for (Map<String, String> variant : sweep.variants()) {
                List<ScenarioModel> models = new ArrayList<>();
                for (long seed = sweep.seedLo(); seed <= sweep.seedHi(); seed++) {
                    Map<String, Object> overrides = new LinkedHashMap<>(sets);
                    overrides.putAll(variant);
                    overrides.put("seed", seed);
                    ScenarioCompiler.Compilation v = loader.load(Overrides.variant(file, m, overrides));
                    if (!v.ok()) {
                        return new ScenarioRun(file, c, null, "the sweep's variant " + SweepSpec.label(variant) + " does not compile:\n"
                                + v.diagnostics().render(), seconds(start));
                    }
                    models.add(v.model().get());
                }
                List<Outcome> outcomes = pool.submit(() -> models.parallelStream()
                        .map(model -> Simulation.run(model, loader.registry(), List.of())).toList()).get();
                List<List<MetricsRow>> rows = new ArrayList<>();
                List<Boolean> complete = new ArrayList<>();
                for (Outcome o : outcomes) {
                    rows.add(o.rows());
                    complete.add(o.completed());
                    if (divergence == null && o.divergence() != null) divergence = o.divergence();
                    ticks += o.ticksRun();
                }
                if (firstRows.isEmpty()) firstRows = outcomes.get(0).rows();
                for (Expectation e : m.expectations()) verdicts.add(Verdicts.acrossSeeds(e, rows, complete, SweepSpec.label(variant)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ScenarioRun(file, c, null, "interrupted", seconds(start));
        } catch (java.util.concurrent.ExecutionException | RuntimeException e) {
            return new ScenarioRun(file, c, null, "the sweep failed: " + (e.getCause() != null ? e.getCause() : e), seconds(start));
        } finally {
            pool.shutdown();
        }
        return new ScenarioRun(file, c, new Outcome(firstRows, verdicts, divergence, ticks), null, seconds(start));
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    /** Starts every file's run on {@code threads} threads; the futures come back in the files' order. */
    public List<Future<ScenarioRun>> start(List<Path> files, int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "sealedbox-suite");
            t.setDaemon(true);
            return t;
        });
        List<Future<ScenarioRun>> out = new ArrayList<>();
        for (Path f : files) out.add(pool.submit(() -> run(f)));
        pool.shutdown();
        return out;
    }

    /** The default number of boxes run side by side: one per core. */
    public static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }
}
