package org.sealedbox.runtime.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.sealedbox.dsl.ir.PluginUse;
import org.sealedbox.dsl.ir.PopulationSpec;
import org.sealedbox.dsl.ir.ScenarioModel;
import org.sealedbox.dsl.ir.TickStatement;
import org.sealedbox.dsl.schema.Choice;
import org.sealedbox.dsl.schema.IntRange;
import org.sealedbox.dsl.schema.TimeSpan;
import org.sealedbox.runtime.box.Box;
import org.sealedbox.runtime.box.BoxListener;
import org.sealedbox.runtime.box.MetricsRow;

/**
 * Writes a run folder: {@code scenario.box} (the text as run), {@code resolved.json} (every parameter after
 * defaults), {@code run.json} (seed, versions, timing, outcome), {@code metrics.csv} and {@code metrics.jsonl}
 * (appended and flushed as each measurement is taken, so a crash loses nothing measured), and
 * {@code verdicts.json}. Whole files are written to a temporary name and renamed.
 */
public final class RunRecorder implements BoxListener, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper JSONL = new ObjectMapper();

    private final Path dir;
    private final ScenarioModel scenario;
    private CSVPrinter csv;
    private BufferedWriter jsonl;

    private final String text;

    public RunRecorder(Path dir, ScenarioModel scenario) {
        this(dir, scenario, scenario.source().text());
    }

    /** {@code text}: the scenario as the user wrote it, when the model is a variant of it ({@code --set}, a sweep member). */
    public RunRecorder(Path dir, ScenarioModel scenario, String text) {
        this.dir = dir;
        this.scenario = scenario;
        this.text = text;
    }

    public Path dir() {
        return dir;
    }

    @Override
    public void started(Box box) {
        open(box, List.of());
    }

    /**
     * Resumed from a checkpoint: the metrics files are rewritten with what was measured up to it (a killed run may
     * have appended rows after its last checkpoint; those are measured again), then appended to as before.
     */
    @Override
    public void resumed(Box box) {
        open(box, box.rows());
    }

    private void open(Box box, List<MetricsRow> before) {
        try {
            Files.createDirectories(dir);
            writeAtomically("scenario.box", text);
            Map<String, Object> resolved = resolved(scenario);
            // how many agents a tick runs on at a time: chosen from the scenario, and it decides the order of the draws
            @SuppressWarnings("unchecked") Map<String, Object> boxSettings = (Map<String, Object>) resolved.get("box");
            boxSettings.put("agents_per_tile", box.agentsPerTile() == 0 ? "all" : box.agentsPerTile());
            // which proposes/selects pairs ran as one fused pass (same physics and draws, sums in another order)
            boxSettings.put("fusing", box.fuses() ? "on" : "off"); // SEALEDBOX_FUSE
            boxSettings.put("fused", box.fusedPasses());
            writeAtomically("resolved.json", JSON.writeValueAsString(resolved));
            List<String> header = new ArrayList<>(List.of("tick", timeColumn()));
            scenario.measures().measures().forEach(m -> header.add(m.key()));
            CSVFormat format = CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).setRecordSeparator("\n").build();
            Path csvTmp = AtomicFiles.temporary(dir.resolve("metrics.csv")), jsonlTmp = AtomicFiles.temporary(dir.resolve("metrics.jsonl"));
            csv = new CSVPrinter(Files.newBufferedWriter(csvTmp, StandardCharsets.UTF_8), format);
            jsonl = Files.newBufferedWriter(jsonlTmp, StandardCharsets.UTF_8);
            for (MetricsRow row : before) append(row);
            close();
            AtomicFiles.replace(csvTmp, dir.resolve("metrics.csv"));
            AtomicFiles.replace(jsonlTmp, dir.resolve("metrics.jsonl"));
            csv = new CSVPrinter(Files.newBufferedWriter(dir.resolve("metrics.csv"), StandardCharsets.UTF_8, StandardOpenOption.APPEND),
                    format.builder().setSkipHeaderRecord(true).build());
            jsonl = Files.newBufferedWriter(dir.resolve("metrics.jsonl"), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run folder " + dir, e);
        }
    }

    @Override
    public void measured(Box box, MetricsRow row) {
        append(row);
    }

    /** One measurement, appended to both metrics files and flushed: a crash loses nothing measured. */
    private void append(MetricsRow row) {
        try {
            List<Object> record = new ArrayList<>();
            record.add(row.tick());
            record.add(row.time());
            record.addAll(row.values().values());
            csv.printRecord(record);
            csv.flush();
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("tick", row.tick());
            line.put(timeColumn(), row.time());
            row.values().forEach((k, v) -> line.put(k, Double.isFinite(v) ? v : String.valueOf(v)));
            jsonl.write(JSONL.writeValueAsString(line));
            jsonl.write('\n');
            jsonl.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the metrics in " + dir, e);
        }
    }

    /** Writes run.json and verdicts.json; call once the run is over (also after a divergence). */
    public void record(Map<String, Object> run, List<Verdicts.Verdict> verdicts) {
        try {
            writeAtomically("run.json", JSON.writeValueAsString(run));
            List<Map<String, Object>> out = new ArrayList<>();
            for (Verdicts.Verdict v : verdicts) out.add(Verdicts.toJson(v));
            writeAtomically("verdicts.json", JSON.writeValueAsString(out));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run record in " + dir, e);
        }
    }

    @Override
    public void close() {
        try {
            if (csv != null) csv.close();
            if (jsonl != null) jsonl.close();
            csv = null;
            jsonl = null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String timeColumn() {
        return timeColumn(scenario);
    }

    /** The box-time column: named by the duration's unit ({@code year}), or {@code time} when that unit is the tick. */
    public static String timeColumn(ScenarioModel scenario) {
        String unit = scenario.box().displayUnit();
        return unit.equals("tick") ? "time" : unit;
    }

    private void writeAtomically(String name, String text) throws IOException {
        AtomicFiles.write(dir.resolve(name), text);
    }

    /** Every parameter of the run after defaults, as plain JSON values. */
    public static Map<String, Object> resolved(ScenarioModel s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scenario", s.name());
        m.put("file", s.source().name());
        Map<String, Object> box = new LinkedHashMap<>();
        box.put("ticks", s.box().ticks());
        box.put("tick_hours", s.box().tickHours());
        box.put("duration", s.box().duration() + " " + s.box().displayUnit() + "s");
        box.put("seed", s.box().seed());
        m.put("box", box);
        m.put("world", plugin(s.world()));
        List<Object> pops = new ArrayList<>();
        for (PopulationSpec p : s.populations()) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("name", p.name());
            pm.put("count", p.count());
            pm.put("model", plugin(p.model()));
            pm.put("pretrain", plugin(p.pretrain()));
            pm.put("learner", plugin(p.learner()));
            pm.put("confidence", plugin(p.confidence()));
            pm.put("lifetime_ticks", p.lifetimeTicks() == 0 ? "forever" : p.lifetimeTicks());
            pm.put("context", p.context());
            pm.put("recall", values(p.recall().values()));
            pops.add(pm);
        }
        m.put("populations", pops);
        Map<String, Object> judges = new LinkedHashMap<>();
        s.judges().forEach((k, v) -> judges.put(k, v.plugin() != null ? plugin(v.plugin())
                : v.combination().op() + "(" + String.join(", ", v.combination().judges()) + ")"));
        m.put("judges", judges);
        Map<String, Object> objectives = new LinkedHashMap<>();
        s.objectives().forEach((k, v) -> objectives.put(k, v.text()));
        if (!objectives.isEmpty()) m.put("objectives", objectives);
        List<Object> program = new ArrayList<>();
        for (TickStatement t : s.program()) {
            if (t instanceof TickStatement.Propose p) {
                program.add(p.population() + " proposes " + p.count() + " at " + p.target().describe() + " " + values(p.params().values()));
            } else if (t instanceof TickStatement.Select sel) {
                program.add(sel.judge() + " selects from " + sel.from() + " into " + sel.into() + "." + sel.channel().name().toLowerCase());
            } else if (t instanceof TickStatement.Imitate im) {
                program.add(im.population() + " imitates humans " + values(im.params().values()));
            }
        }
        m.put("each_tick", program);
        if (s.generations().everyTicks() > 0) {
            Map<String, Object> gens = new LinkedHashMap<>();
            gens.put("every_ticks", s.generations().everyTicks());
            s.generations().populations().forEach(g -> gens.put(g.population(), values(g.params().values())));
            m.put("generation", gens);
        }
        Map<String, Object> measures = new LinkedHashMap<>();
        measures.put("every_ticks", s.measures().everyTicks());
        Map<String, Object> list = new LinkedHashMap<>();
        s.measures().measures().forEach(ms -> list.put(ms.key(), plugin(ms.plugin())));
        measures.put("measures", list);
        m.put("measure", measures);
        m.put("expect", s.expectations().stream().map(e -> e.text()).toList());
        return m;
    }

    private static Map<String, Object> plugin(PluginUse use) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("plugin", use.name());
        m.put("params", values(use.params().values()));
        return m;
    }

    private static Map<String, Object> values(Map<String, Object> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, json(v)));
        return out;
    }

    private static Object json(Object v) {
        if (v instanceof Choice || v instanceof IntRange) return v.toString();
        if (v instanceof PluginUse u) return plugin(u);
        if (v instanceof TimeSpan t) return t.hours() + " hours";
        return v;
    }
}
