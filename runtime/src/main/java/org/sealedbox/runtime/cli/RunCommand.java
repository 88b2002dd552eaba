package org.sealedbox.runtime.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.sealedbox.dsl.ScenarioCompiler;
import org.sealedbox.dsl.ir.ScenarioModel;
import org.sealedbox.runtime.Outcome;
import org.sealedbox.runtime.Recipe;
import org.sealedbox.runtime.results.Checkpoints;
import org.sealedbox.runtime.results.RecordedRun;
import java.nio.file.Files;
import org.sealedbox.runtime.ScenarioLoader;
import org.sealedbox.runtime.wiring.PluginRegistry;
import org.sealedbox.runtime.box.Box;
import org.sealedbox.runtime.box.BoxListener;
import org.sealedbox.runtime.box.Divergence;
import org.sealedbox.runtime.box.MetricsRow;
import org.sealedbox.runtime.report.Report;
import org.sealedbox.runtime.report.ReportException;
import org.sealedbox.runtime.results.Verdicts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs a scenario: a progress bar in box time, then \"the box opens\": each measure at start and end,",
                "and each expectation's verdict. Writes a run folder (scenario, resolved parameters, seed and versions,",
                "metrics.csv, metrics.jsonl, verdicts.json, and report.html: a page of plots).",
                "Exit 0 if every expectation holds, 1 if one fails, 2 if the scenario is invalid, 3 if the run diverged."})
final class RunCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", arity = "0..1", description = "the scenario file (*.box)")
    Path file;

    @Option(names = "--seed", paramLabel = "N", description = "seed for this run (default: the scenario's `seed`)")
    Long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "run folder (default: runs/<scenario file>/seed<N>-<time>)")
    Path out;

    @Option(names = "--resume", paramLabel = "RUN_DIR",
            description = {"go on with a run that stopped (killed, crashed) from its last checkpoint; its metrics end as",
                    "if it had never stopped. The run needs `checkpoint every …` in its box (or --set checkpoint=…)."})
    Path resume;

    @Mixin
    SetOptions sets;

    @Option(names = "--no-progress", description = "no progress bar (for logs and scripts)")
    boolean noProgress;

    @Mixin
    PluginOptions plugins;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (resume != null) return resume(out, err);
        if (file == null) {
            err.println("sealedbox run: give a scenario FILE, or --resume RUN_DIR");
            return Main.BAD_INPUT;
        }
        PluginRegistry registry = plugins.registry(err);
        if (registry == null) return Main.BAD_INPUT;
        Recipe recipe = Recipe.of(file, sets.values(), plugins.folders, plugins.trust);
        ScenarioCompiler.Compilation c = SetOptions.compile(recipe, new ScenarioLoader(registry), err);
        if (c == null) return Main.BAD_INPUT;
        ScenarioModel model = seed == null ? c.model().get() : c.model().get().withSeed(seed);
        Path dir = this.out != null ? this.out : defaultDir(model);
        return new Execution(model, registry, recipe, dir, null, !noProgress, out, err).run();
    }

    /** {@code --resume DIR}: the run's recipe and state from its checkpoint, checked against the scenario as it is now. */
    private int resume(PrintWriter out, PrintWriter err) {
        if (file != null || seed != null || !sets.values().isEmpty() || this.out != null) {
            err.println("sealedbox run --resume: the run folder says what to run; give no FILE, --seed, --set or --out with it");
            return Main.BAD_INPUT;
        }
        Checkpoints.Saved saved;
        try {
            if (Files.isRegularFile(resume.resolve("run.json"))) {
                String status = new com.fasterxml.jackson.databind.ObjectMapper().readTree(resume.resolve("run.json").toFile()).path("status").asText();
                err.println(resume + ": the run has ended (" + status + "); there is nothing to resume");
                return Main.BAD_INPUT;
            }
            saved = Checkpoints.read(resume);
        } catch (java.nio.file.NoSuchFileException e) {
            err.println(Files.isDirectory(resume) ? e.getFile() : resume + ": no such run folder");
            return Main.BAD_INPUT;
        } catch (java.io.IOException e) {
            err.println(resume + ": cannot resume: " + e.getMessage());
            return Main.BAD_INPUT;
        }
        Recipe recipe = saved.recipe();
        PluginRegistry registry = PluginOptions.registry(recipe, err);
        if (registry == null) return Main.BAD_INPUT;
        ScenarioCompiler.Compilation c = SetOptions.compile(recipe, new ScenarioLoader(registry), err);
        if (c == null) return Main.BAD_INPUT;
        ScenarioModel model = c.model().get().withSeed(saved.seed());
        if (!Checkpoints.fingerprint(model).equals(saved.resolvedSha256())) {
            err.println(recipe.file() + " has changed since the run started: it resolves to another box, so the checkpoint in "
                    + resume + " does not fit it. Restore the file (the text run is in " + resume.resolve("scenario.box")
                    + ") or start a new run.");
            return Main.BAD_INPUT;
        }
        out.printf("resuming %s from its checkpoint after tick %d%s%n", resume, saved.tick(),
                saved.unit().equals("tick") ? "" : " (" + saved.unit() + " " + Execution.fmt(saved.time()) + ")");
        return new Execution(model, registry, recipe, resume, saved, !noProgress, out, err).run();
    }

    private Path defaultDir(ScenarioModel m) {
        String name = file.getFileName().toString().replaceFirst("\\.box$", "");
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return Path.of("runs", name, "seed" + m.box().seed() + "-" + stamp);
    }

    /** One run: the box, its recorder and progress bar, and what is printed when the box opens. */
    static final class Execution {
        private final ScenarioModel model;
        private final PluginRegistry registry;
        private final Recipe recipe;
        private final Path dir;
        private final Checkpoints.Saved from;
        private final boolean progress;
        private final PrintWriter out, err;

        Execution(ScenarioModel model, PluginRegistry registry, Recipe recipe, Path dir, Checkpoints.Saved from, boolean progress,
                  PrintWriter out, PrintWriter err) {
            this.model = model;
            this.registry = registry;
            this.recipe = recipe;
            this.from = from;
            this.dir = dir;
            this.progress = progress;
            this.out = out;
            this.err = err;
        }

        int run() {
            var box = model.box();
            int agents = model.populations().stream().mapToInt(p -> p.count()).sum();
            out.printf("%s — seed %d, %s %s at %s a tick (%d ticks), %d agents%n", model.name(), box.seed(),
                    fmt(box.duration()), plural(box.displayUnit(), box.duration()), tickText(box.tickHours()), box.ticks(), agents);
            out.flush();
            try (Progress bar = progress ? new Progress(model, err) : null) {
                RecordedRun.Result r = RecordedRun.run(model, registry, recipe, dir, from, bar == null ? List.of() : List.of(bar));
                Outcome outcome = r.outcome();
                if (bar != null) bar.close();
                report(outcome, r.wall(), r.startedAt());
                writeReport();
                if (!outcome.completed()) return Main.DIVERGED;
                return outcome.allHold() ? Main.OK : Main.FAILED;
            }
        }

        private void report(Outcome o, Duration wall, long startedAt) {
            var box = model.box();
            Divergence d = o.divergence();
            List<MetricsRow> rows = o.rows();
            List<Verdicts.Verdict> verdicts = o.verdicts();
            long ticks = o.ticksRun();
            if (d != null) {
                out.println();
                out.println("the run diverged: " + d.getMessage());
                out.println("everything measured until then is in the run folder.");
            }
            long agents = model.populations().stream().mapToLong(p -> p.count()).sum();
            double secs = Math.max(1e-3, wall.toMillis() / 1000.0);
            long ran = ticks - startedAt; // this session's ticks: a resumed run's speed is its own
            out.printf("%nthe box opens after %s %s (%d ticks; %.1f s, %s agent-ticks/s)%n%n", fmt(box.time(ticks)),
                    plural(box.displayUnit(), box.time(ticks)), ticks, secs, String.format(Locale.ROOT, "%,.0f", agents * ran / secs));
            if (!rows.isEmpty()) {
                MetricsRow first = rows.get(0), last = rows.get(rows.size() - 1);
                int w = Math.max(16, first.values().keySet().stream().mapToInt(String::length).max().orElse(0) + 2);
                out.printf("  %-" + w + "s %12s %12s%n", "measure", "start", box.displayUnit() + " " + fmt(last.time()));
                for (String key : first.values().keySet()) {
                    out.printf("  %-" + w + "s %12s %12s%n", key, num(first.values().get(key)), num(last.values().get(key)));
                }
            }
            if (!verdicts.isEmpty()) {
                out.println();
                out.println("expectations");
                for (Verdicts.Verdict v : verdicts) {
                    String mark = v.holds() == null ? "?" : v.holds() ? "✓" : "✗";
                    out.printf("  %s %s:%d  %s   (%s)%n", mark, v.expectation().span().source().name(), v.expectation().span().line(),
                            v.expectation().text(), v.detail());
                }
                long held = verdicts.stream().filter(v -> Boolean.TRUE.equals(v.holds())).count();
                out.printf("  %d of %d hold%n", held, verdicts.size());
            }
            out.println();
            out.println("run folder: " + dir);
            out.flush();
        }

        /** report.html in the run folder, from its files (also after a divergence); if it cannot be written, the run still stands. */
        private void writeReport() {
            try {
                out.println("report: " + Report.write(dir));
            } catch (RuntimeException e) {
                err.println("report: not written: " + (e instanceof ReportException ? e.getMessage() : "internal error: " + e));
            }
            out.flush();
            err.flush();
        }

        private static String num(Double v) {
            if (v == null) return "-";
            return String.format(Locale.ROOT, Math.abs(v) >= 1000 || (v != 0 && Math.abs(v) < 1e-3) ? "%.3e" : "%.4f", v);
        }

        static String fmt(double v) {
            return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.2f", v);
        }

        static String plural(String unit, double n) {
            return n == 1 ? unit : unit + "s";
        }

        static String tickText(double hours) {
            String[][] units = {{"year", "8765.82"}, {"month", "730.485"}, {"week", "168"}, {"day", "24"}, {"hour", "1"}};
            for (String[] u : units) {
                double h = Double.parseDouble(u[1]);
                double n = hours / h;
                if (n >= 1 && Math.abs(n - Math.rint(n)) < 1e-6) return fmt(Math.rint(n)) + " " + plural(u[0], Math.rint(n));
            }
            return fmt(hours) + " hours";
        }
    }

    /**
     * The progress bar in box time: "year 412/1000" with an ETA, on standard error. Without a terminal (a log, a
     * pipe) it prints a plain line every tenth of the run instead of redrawing one line.
     */
    static final class Progress implements BoxListener, AutoCloseable {
        private final ProgressBar bar;
        private final ScenarioModel model;
        private final PrintWriter plain;
        private long started = System.nanoTime();
        private int lastTenth;
        private boolean closed;

        Progress(ScenarioModel model, PrintWriter err) {
            this.model = model;
            if (System.console() == null) {
                this.plain = err;
                this.bar = null;
                return;
            }
            this.plain = null;
            this.bar = new ProgressBarBuilder()
                    .setTaskName(model.box().displayUnit())
                    .setInitialMax((long) Math.ceil(model.box().duration()))
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(200)
                    .showSpeed()
                    .setUnit(" " + model.box().displayUnit() + "s", 1)
                    .setConsumer(new ConsoleProgressBarConsumer(System.err))
                    .build();
        }

        @Override
        public void started(Box box) {
            started = System.nanoTime(); // after pretraining: the ETA is about the ticks
        }

        @Override
        public void ticked(Box box, long tick) {
            if (bar != null) {
                bar.stepTo((long) Math.floor(model.box().time(tick)));
                return;
            }
            int tenth = (int) (10 * tick / model.box().ticks());
            if (tenth > lastTenth) {
                lastTenth = tenth;
                double elapsed = (System.nanoTime() - started) / 1e9, eta = elapsed * (model.box().ticks() - tick) / tick;
                plain.printf("%s %s/%s (%d%%), %.0f s elapsed, about %.0f s to go%n", model.box().displayUnit(),
                        Execution.fmt(Math.floor(model.box().time(tick))), Execution.fmt(model.box().duration()), tenth * 10, elapsed, eta);
                plain.flush();
            }
        }

        @Override
        public void close() {
            if (!closed && bar != null) bar.close();
            closed = true;
        }
    }
}
