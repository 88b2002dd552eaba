package org.sealedbox.runtime.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.sealedbox.dsl.ir.Expectation;
import org.sealedbox.dsl.ir.ScenarioModel;
import org.sealedbox.dsl.ir.SweepSpec;
import org.sealedbox.runtime.Recipe;
import org.sealedbox.runtime.box.MetricsRow;
import org.sealedbox.runtime.report.Report;
import org.sealedbox.runtime.results.Verdicts;
import org.sealedbox.runtime.results.Versions;

/**
 * A swept scenario run as a family of runs into one folder, on any {@link SweepEngine}:
 * <ul>
 *   <li>{@code members/VARIANT/seedN/}: each member's own run folder, written as it runs (and resumed from its
 *       checkpoint if the sweep was stopped while it ran);</li>
 *   <li>{@code members.csv}: a row per finished member (status, diagnosis of a failure, time, where it ran), rewritten
 *       as each one finishes: the sweep's progress, and what a resumed sweep skips;</li>
 *   <li>{@code metrics.csv}: every member's measurements in one long table ({@code variant, axes…, seed, tick, time,
 *       measures…}), for pandas; {@code verdicts.json}: each expectation per variant across its seeds;
 *       {@code sweep.json}: what was swept, how, and how it went; {@code report.html}.</li>
 * </ul>
 * Every file is written under a temporary name and renamed.
 */
public final class Sweep {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final SweepJob job;
    private final ScenarioModel base;
    private final Path dir;
    private final List<SweepJob.Member> members = new ArrayList<>();
    private final Map<String, SweepJob.Result> done = new LinkedHashMap<>();

    /** {@code base}: the recipe's scenario, compiled (its {@code sweep} block says what varies). */
    public Sweep(Recipe recipe, ScenarioModel base, Path dir) {
        if (base.sweep() == null) throw new IllegalArgumentException(base.source().name() + " has no `sweep` block");
        this.job = new SweepJob(recipe, dir.toAbsolutePath().normalize().toString());
        this.base = base;
        this.dir = dir;
        SweepSpec s = base.sweep();
        for (Map<String, String> variant : s.variants()) {
            for (long seed = s.seedLo(); seed <= s.seedHi(); seed++) members.add(new SweepJob.Member(SweepSpec.label(variant), variant, seed));
        }
    }

    public Path dir() {
        return dir;
    }

    public SweepJob job() {
        return job;
    }

    public List<SweepJob.Member> members() {
        return List.copyOf(members);
    }

    /** The members a previous, interrupted run of this sweep into the same folder finished (read from members.csv). */
    public List<SweepJob.Result> finished() {
        return List.copyOf(done.values());
    }

    /** What is left to run. */
    public List<SweepJob.Member> todo() {
        return members.stream().filter(m -> !done.containsKey(m.folder())).toList();
    }

    /** The engines this JVM has: {@code local}, and any a module adds (found by ServiceLoader). */
    public static Map<String, SweepEngine> engines() {
        Map<String, SweepEngine> out = new LinkedHashMap<>();
        out.put("local", new LocalEngine());
        for (SweepEngine e : java.util.ServiceLoader.load(SweepEngine.class)) out.putIfAbsent(e.name(), e);
        return out;
    }

    /** Reads what an earlier run of this sweep finished; returns how many members it skips. */
    public int resume() {
        Path file = dir.resolve("members.csv");
        if (!Files.isRegularFile(file)) return 0;
        Map<String, SweepJob.Member> byFolder = new LinkedHashMap<>();
        members.forEach(m -> byFolder.put(m.folder(), m));
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(in)) {
            for (CSVRecord r : csv) {
                SweepJob.Member m = byFolder.get(r.get("folder"));
                if (m == null) continue; // a member of another sweep of this folder: not ours
                done.put(m.folder(), new SweepJob.Result(m, r.get("status"), r.get("diagnosis"), Long.parseLong(r.get("ticks_run")),
                        Double.parseDouble(r.get("wall_seconds")), r.get("started"), r.get("finished"), r.get("worker")));
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read " + file + " to resume the sweep: " + e.getMessage(), e);
        }
        return done.size();
    }

    /**
     * Runs what is left on {@code engine}, recording each member as it finishes, then writes the sweep's table,
     * verdicts and report. {@code progress} hears each member's result.
     */
    public List<Verdicts.Verdict> run(SweepEngine engine, String master, int parallelism, Consumer<SweepJob.Result> progress) throws Exception {
        Instant started = Instant.now();
        Files.createDirectories(dir);
        write("scenario.box", org.sealedbox.runtime.results.RecordedRun.scenarioText(base, job.recipe()));
        writeSweepJson(engine, master, parallelism, "running", started, null);
        engine.run(job, todo(), master, parallelism, r -> {
            synchronized (done) {
                done.put(r.member().folder(), r);
                writeMembers();
            }
            progress.accept(r);
        });
        List<Verdicts.Verdict> verdicts = collect();
        writeSweepJson(engine, master, parallelism, "completed", started, Instant.now());
        Report.write(dir);
        return verdicts;
    }

    // ---- files ------------------------------------------------------------------------------------

    private List<String> axes() {
        return base.sweep().axes().stream().map(SweepSpec.Axis::path).toList();
    }

    private void writeMembers() {
        List<String> header = new ArrayList<>(List.of("variant"));
        header.addAll(axes());
        header.addAll(List.of("seed", "status", "diagnosis", "ticks_run", "wall_seconds", "started", "finished", "worker", "folder"));
        StringWriter text = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(text, CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).setRecordSeparator("\n").build())) {
            for (SweepJob.Member m : members) {
                SweepJob.Result r = done.get(m.folder());
                if (r == null) continue;
                List<Object> row = new ArrayList<>(List.of(m.variant()));
                for (String a : axes()) row.add(m.axes().get(a));
                row.addAll(List.of(m.seed(), r.status(), r.diagnosis(), r.ticksRun(), r.wallSeconds(), r.started(), r.finished(), r.worker(), m.folder()));
                csv.printRecord(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        write("members.csv", text.toString());
    }

    /** The long table of every member's measurements, and each expectation judged per variant across its seeds. */
    private List<Verdicts.Verdict> collect() throws IOException {
        String time = org.sealedbox.runtime.results.RunRecorder.timeColumn(base);
        List<String> measures = base.measures().measures().stream().map(m -> m.key()).toList();
        List<String> header = new ArrayList<>(List.of("variant"));
        header.addAll(axes());
        header.addAll(List.of("seed", "tick", time));
        header.addAll(measures);
        List<Verdicts.Verdict> verdicts = new ArrayList<>();
        List<Map<String, Object>> verdictJson = new ArrayList<>();
        StringWriter text = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(text, CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).setRecordSeparator("\n").build())) {
            for (Map<String, String> variant : base.sweep().variants()) {
                String label = SweepSpec.label(variant);
                List<List<MetricsRow>> runs = new ArrayList<>();
                List<Boolean> complete = new ArrayList<>();
                for (SweepJob.Member m : members) {
                    if (!m.variant().equals(label)) continue;
                    SweepJob.Result r = done.get(m.folder());
                    List<MetricsRow> rows = new ArrayList<>();
                    Path metrics = job.folder(m).resolve("metrics.csv");
                    if (r != null && !r.status().equals("failed") && Files.isRegularFile(metrics)) {
                        try (Reader in = Files.newBufferedReader(metrics, StandardCharsets.UTF_8);
                             CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(in)) {
                            for (CSVRecord rec : p) {
                                List<Object> row = new ArrayList<>(List.of(label));
                                for (String a : axes()) row.add(m.axes().get(a));
                                row.add(m.seed());
                                rec.forEach(row::add); // the member's numbers as it wrote them
                                csv.printRecord(row);
                                Map<String, Double> values = new LinkedHashMap<>();
                                for (String k : measures) values.put(k, Double.parseDouble(rec.get(k)));
                                rows.add(new MetricsRow(Long.parseLong(rec.get("tick")), Double.parseDouble(rec.get(1)), values));
                            }
                        }
                    }
                    runs.add(rows);
                    complete.add(r != null && r.status().equals("completed"));
                }
                for (Expectation e : base.expectations()) {
                    Verdicts.Verdict v = Verdicts.acrossSeeds(e, runs, complete, label);
                    verdicts.add(v);
                    Map<String, Object> j = new LinkedHashMap<>();
                    j.put("variant", label);
                    j.putAll(Verdicts.toJson(v));
                    verdictJson.add(j);
                }
            }
        }
        write("metrics.csv", text.toString());
        write("verdicts.json", JSON.writeValueAsString(verdictJson));
        return verdicts;
    }

    private void writeSweepJson(SweepEngine engine, String master, int parallelism, String status, Instant started, Instant finished) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scenario", base.name());
        m.put("file", job.recipe().file());
        if (!job.recipe().overrides().isEmpty()) m.put("overrides", new java.util.TreeMap<>(job.recipe().overrides()));
        m.put("axes", axes());
        m.put("values", base.sweep().axes().stream().map(SweepSpec.Axis::values).toList());
        m.put("seeds", List.of(base.sweep().seedLo(), base.sweep().seedHi()));
        m.put("variants", base.sweep().variants().size());
        m.put("members", members.size());
        m.put("engine", engine.name());
        if (master != null) m.put("master", master);
        m.put("parallelism", parallelism);
        m.put("status", status);
        m.put("started", started.toString());
        if (finished != null) {
            m.put("finished", finished.toString());
            m.put("wall_seconds", Duration.between(started, finished).toMillis() / 1000.0);
            Map<String, Long> counts = new LinkedHashMap<>();
            for (String s : List.of("completed", "diverged", "failed")) counts.put(s, done.values().stream().filter(r -> r.status().equals(s)).count());
            m.put("outcomes", counts);
        }
        m.put("plugins", job.recipe().plugins());
        m.put("trust", job.recipe().trust());
        m.put("versions", Versions.all());
        try {
            write("sweep.json", JSON.writeValueAsString(m));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(String name, String text) {
        try {
            org.sealedbox.runtime.results.AtomicFiles.write(dir.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(name), e);
        }
    }
}
