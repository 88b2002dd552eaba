package org.sealedbox.runtime.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sealedbox.dsl.ScenarioCompiler;
import org.sealedbox.dsl.ir.ScenarioModel;
import org.sealedbox.runtime.Recipe;
import org.sealedbox.runtime.ScenarioLoader;
import org.sealedbox.runtime.results.Verdicts;
import org.sealedbox.runtime.suite.ScenarioRun;
import org.sealedbox.runtime.suite.Suite;
import org.sealedbox.runtime.sweep.Sweep;
import org.sealedbox.runtime.sweep.SweepEngine;
import org.sealedbox.runtime.sweep.SweepJob;
import org.sealedbox.runtime.wiring.PluginRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Runs a scenario's `sweep`: every variant at every seed, side by side on this machine's cores (or on",
                "Apache Spark with --engine spark). Prints a line per member as it finishes, then each expectation per",
                "variant across its seeds. Writes a sweep folder: members/ (a run folder each), members.csv, metrics.csv",
                "(one table of every measurement), verdicts.json, sweep.json and report.html. A failing member is recorded",
                "with its diagnosis and the rest go on; an interrupted sweep resumes (--resume DIR) and skips what is done.",
                "Exit 0 if every expectation holds and no member failed, 1 if not, 2 if the scenario is invalid."})
final class SweepCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", arity = "0..1", description = "a scenario file with a `sweep { … }` block")
    Path file;

    @Option(names = "--out", paramLabel = "DIR", description = "sweep folder (default: runs/<scenario file>/sweep-<time>)")
    Path out;

    @Option(names = "--resume", paramLabel = "SWEEP_DIR", description = "go on with a sweep that was stopped: what is done is skipped")
    Path resume;

    @Option(names = "--engine", paramLabel = "NAME", description = "where members run: local (default) or spark (the sealedbox-spark module)")
    String engine;

    @Option(names = "--master", paramLabel = "URL", description = "the Spark master (default: local[N], N the --threads)")
    String master;

    @Option(names = "--threads", paramLabel = "N", description = "members run side by side (default: one per core)")
    int threads = Suite.defaultThreads();

    @Mixin
    SetOptions sets;

    @Mixin
    PluginOptions plugins;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        Recipe recipe;
        Path dir;
        if (resume != null) {
            if (file != null || !sets.values().isEmpty() || this.out != null) {
                err.println("sealedbox sweep --resume: the sweep folder says what to run; give no FILE, --set or --out with it");
                return Main.BAD_INPUT;
            }
            if (!Files.isRegularFile(resume.resolve("sweep.json"))) {
                err.println(resume + ": not a sweep folder (no sweep.json)");
                return Main.BAD_INPUT;
            }
            JsonNode s = new ObjectMapper().readTree(resume.resolve("sweep.json").toFile());
            recipe = Recipe.of(s);
            if (engine == null) engine = s.path("engine").asText("local");
            if (master == null && s.has("master")) master = s.get("master").asText();
            dir = resume;
        } else {
            if (file == null) {
                err.println("sealedbox sweep: give a scenario FILE, or --resume SWEEP_DIR");
                return Main.BAD_INPUT;
            }
            recipe = Recipe.of(file, sets.values(), plugins.folders, plugins.trust);
            dir = null;
        }
        Map<String, SweepEngine> engines = Sweep.engines();
        SweepEngine chosen = engines.get(engine == null ? "local" : engine);
        if (chosen == null) {
            err.println("no sweep engine `" + engine + "`; this installation has " + String.join(", ", engines.keySet())
                    + (engine.equals("spark") ? " (Spark's engine is the sealedbox-spark module: put its jar and Spark's on the class path)" : ""));
            return Main.BAD_INPUT;
        }
        try {
            master = chosen.master(master, threads); // recorded as it will run: spark's default is local[N]
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return Main.BAD_INPUT;
        }
        PluginRegistry registry = PluginOptions.registry(recipe, err);
        if (registry == null) return Main.BAD_INPUT;
        ScenarioCompiler.Compilation c = SetOptions.compile(recipe, new ScenarioLoader(registry), err);
        if (c == null) return Main.BAD_INPUT;
        ScenarioModel model = c.model().get();
        if (model.sweep() == null) {
            err.println(recipe.file() + " has no `sweep { … }` block: run it with `sealedbox run`, or add e.g. `sweep { seeds 1..20 }`");
            return Main.BAD_INPUT;
        }
        if (dir == null) dir = this.out != null ? this.out : defaultDir(recipe.path());
        Sweep sweep = new Sweep(recipe, model, dir);
        int skipped = sweep.resume();
        int variants = model.sweep().variants().size();
        out.printf("sweep \"%s\": %d variant%s × %d seed%s = %d members, engine %s%s, %d at a time%n", model.name(), variants,
                variants == 1 ? "" : "s", model.sweep().seeds(), model.sweep().seeds() == 1 ? "" : "s", sweep.members().size(),
                chosen.name(), master != null ? " (" + master + ")" : "", threads);
        out.println("  folder: " + dir);
        if (skipped > 0) out.printf("  %d done before: skipped%n", skipped);
        out.flush();
        int[] counts = new int[3];
        List<Verdicts.Verdict> verdicts = sweep.run(chosen, master, threads, r -> {
            synchronized (out) {
                String mark = r.status().equals("completed") ? "✓" : "✗";
                out.printf(Locale.ROOT, "%s %s seed %d  %s (%.1f s)%s%n", mark, r.member().variant(), r.member().seed(), r.status(),
                        r.wallSeconds(), r.diagnosis().isEmpty() ? "" : ": " + r.diagnosis().lines().findFirst().orElse(""));
                out.flush();
            }
        });
        for (SweepJob.Result r : sweep.finished()) counts[r.status().equals("completed") ? 0 : r.status().equals("diverged") ? 1 : 2]++;
        out.println();
        out.println("expectations, per variant across its seeds");
        for (Verdicts.Verdict v : verdicts) {
            String mark = v.holds() == null ? "?" : v.holds() ? "✓" : "✗";
            out.println("  " + mark + " " + ScenarioRun.describe(v));
        }
        long held = verdicts.stream().filter(v -> Boolean.TRUE.equals(v.holds())).count();
        out.printf("  %d of %d hold%n%n", held, verdicts.size());
        out.printf("%d members: %d completed, %d diverged, %d failed%n", sweep.members().size(), counts[0], counts[1], counts[2]);
        out.println("sweep folder: " + dir);
        out.println("table: " + dir.resolve("metrics.csv"));
        out.println("report: " + dir.resolve("report.html"));
        out.flush();
        return held == verdicts.size() && counts[2] == 0 ? Main.OK : Main.FAILED;
    }

    private static Path defaultDir(Path file) {
        String name = file.getFileName().toString().replaceFirst("\\.box$", "");
        return Path.of("runs", name, "sweep-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }
}
