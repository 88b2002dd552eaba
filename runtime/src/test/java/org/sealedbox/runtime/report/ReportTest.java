package org.sealedbox.runtime.report;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealedbox.runtime.cli.Main;

/** Reports from run and sweep folders written here, file by file, as the recorder and a sweep write them. */
class ReportTest {
    @TempDir
    Path tmp;

    static final String RUN_JSON = """
            {"scenario": "Tiny <box>", "file": "tiny.box", "seed": 7, "status": "completed", "ticks_run": 36, "ticks": 36,
             "wall_seconds": 1.5, "agent_ticks_per_second": 2400.0,
             "versions": {"sealedbox": "0.1.0-SNAPSHOT", "nd4j": "1.0.0-M2.1"}}
            """;

    static final String METRICS = """
            tick,year,accuracy(human),"frontier(0.9, max)",drift
            0,0.0,1.0,0.0,0.0
            12,1.0,0.9,1.0,0.25
            24,2.0,0.8,2.0,0.5
            36,3.0,0.7,3.0,0.75
            """;

    static final String VERDICTS = """
            [ {"file": "tiny.box", "line": 20, "expect": "expect accuracy(human) at end < 0.75", "status": "holds", "detail": "0.7000 < 0.7500",
               "measure": "accuracy(human)", "when": "end", "op": "<", "threshold": 0.75, "holds": true},
              {"file": "tiny.box", "line": 21, "expect": "expect frontier(0.9, max) at year 2 > 2", "status": "fails", "detail": "2 > 2",
               "measure": "frontier(0.9, max)", "when": 24, "op": ">", "threshold": 2.0, "holds": false},
              {"file": "tiny.box", "line": 22, "expect": "expect always drift < 1", "status": "holds", "detail": "holds at all 4 measurements",
               "measure": "drift", "when": "always", "op": "<", "threshold": 1.0, "holds": true},
              {"file": "tiny.box", "line": 23, "expect": "expect drift at end > drift at start", "status": "holds", "detail": "0.75 > 0",
               "measure": "drift", "when": "end", "op": ">", "threshold": null, "holds": true} ]
            """;

    Path run(String name, String runJson, String metrics, String verdicts) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Files.writeString(dir.resolve("run.json"), runJson);
        Files.writeString(dir.resolve("metrics.csv"), metrics);
        Files.writeString(dir.resolve("verdicts.json"), verdicts);
        Files.writeString(dir.resolve("scenario.box"), "scenario \"Tiny <box>\" {\n  expect accuracy(human) at end < 0.75 && <script>\n}\n");
        return dir;
    }

    static List<String> all(String html, String regex) {
        Matcher m = Pattern.compile(regex).matcher(html);
        List<String> out = new ArrayList<>();
        while (m.find()) out.add(m.groupCount() > 0 ? m.group(1) : m.group());
        return out;
    }

    /** Each plot's SVG text, by its measure. */
    static List<String> plots(String html) {
        return all(html, "(?s)(<svg class=\"plot\".*?</svg>)");
    }

    static void selfContained(String html) {
        assertFalse(html.contains("<script"), "no script");
        assertFalse(html.contains("<img"), "no images");
        assertFalse(html.contains("src="), "nothing loaded");
        assertFalse(html.contains("url("), "nothing loaded from CSS");
        assertFalse(html.contains("@import"), "nothing imported");
        assertEquals(List.of("data:,"), all(html, "href=\"([^\"]*)\""), "the only link is the empty favicon");
    }

    @Test
    void aRunGetsAPlotPerMeasureWithItsExpectationsMarked() throws IOException {
        Path dir = run("run", RUN_JSON, METRICS, VERDICTS);
        Path report = Report.write(dir);
        assertEquals(dir.resolve("report.html"), report);
        String html = Files.readString(report);
        List<String> plots = plots(html);
        assertEquals(List.of("accuracy(human)", "frontier(0.9, max)", "drift"), all(html, "<svg class=\"plot\" data-measure=\"([^\"]*)\""));
        assertEquals(3, plots.size());
        for (String p : plots) {
            assertEquals(1, all(p, "<path class=\"series\"").size(), p);
            assertTrue(p.contains("box time (years)"), "the x axis is labelled with its unit");
        }
        String accuracy = plots.get(0), frontier = plots.get(1), drift = plots.get(2);
        assertTrue(accuracy.contains("class=\"threshold\"") && accuracy.contains("line 20: &lt; 0.75"), accuracy);
        assertTrue(accuracy.contains("class=\"verdict point holds\""), "judged at the end, where it holds");
        assertTrue(frontier.contains("class=\"verdict point fails\""), "judged at year 2, where it fails");
        assertTrue(drift.contains("class=\"verdict strip holds\"") && drift.contains("always drift &lt; 1"), "always: a strip");
        assertEquals(1, all(drift, "class=\"threshold\"").size(), "no threshold for a measured right side");
        assertTrue(drift.contains("class=\"verdict point holds\""), "its end marker is still drawn");
        // the facts, the box opening, the expectations, the scenario text escaped
        assertTrue(html.contains("<h1>Tiny &lt;box&gt;</h1>"), html);
        assertTrue(html.contains("2,400"), "agent-ticks/s");
        assertTrue(html.contains("<th>year 3</th>"), "the last measurement's time heads the box-opens table");
        assertTrue(html.contains("3 of 4 hold"), html);
        assertTrue(html.contains("&amp;&amp; &lt;script&gt;"), "the scenario text is escaped");
        selfContained(html);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList(), "written atomically, nothing left over");
        }
    }

    @Test
    void nanAndInfiniteValuesLeaveGapsAndTheReportStillReads() throws IOException {
        String metrics = """
                tick,year,gold,proxy
                0,0.0,NaN,NaN
                12,1.0,0.5,0.4
                24,2.0,NaN,Infinity
                36,3.0,0.7,
                48,4.0,0.8,0.6
                """;
        Path dir = run("nan", RUN_JSON, metrics, "[]");
        String html = Files.readString(Report.write(dir));
        List<String> plots = plots(html);
        assertEquals(2, plots.size());
        String gold = all(plots.get(0), "<path class=\"series\"[^>]* d=\"([^\"]*)\"").get(0);
        assertEquals(2, all(gold, "M").size(), "a gap where gold is NaN: " + gold);
        assertFalse(gold.contains("NaN") || gold.contains("Infinity"), gold);
        String proxy = all(plots.get(1), "<path class=\"series\"[^>]* d=\"([^\"]*)\"").get(0);
        assertEquals(2, all(proxy, "M").size(), "gaps at Infinity and the empty cell; the single point stands alone: " + proxy);
        assertTrue(plots.get(1).contains("<circle class=\"dot\""), "an isolated point still shows");
        assertTrue(html.contains("<td class=\"num nan\">NaN</td>"), "NaN at start in the box-opens table");
    }

    @Test
    void aDivergedRunsReportSaysSoAndShowsWhatWasMeasured() throws IOException {
        String runJson = RUN_JSON.replace("\"status\": \"completed\"", "\"status\": \"diverged\", "
                + "\"divergence\": \"diverged at tick 25 (year 2.08): infinite weights of population `llm` after learner `explode`\"")
                .replace("\"ticks_run\": 36", "\"ticks_run\": 25");
        String metrics = String.join("\n", METRICS.lines().limit(4).toList()) + "\n";
        String verdicts = VERDICTS.replace("\"status\": \"holds\", \"detail\": \"0.7000 < 0.7500\"", "\"status\": \"undecided\", \"detail\": \"the run stopped before its end\"")
                .replace("\"when\": \"end\", \"op\": \"<\", \"threshold\": 0.75, \"holds\": true", "\"when\": \"end\", \"op\": \"<\", \"threshold\": 0.75, \"holds\": null");
        Path dir = run("diverged", runJson, metrics, verdicts);
        String html = Files.readString(Report.write(dir));
        assertTrue(html.contains("<div class=\"alert divergence\"><strong>The run diverged.</strong> diverged at tick 25 (year 2.08): "
                + "infinite weights of population `llm` after learner `explode`"), html);
        assertTrue(html.contains("<span class=\"badge diverged\">diverged</span>"));
        assertEquals(3, plots(html).size(), "every measure is plotted with what was measured");
        assertFalse(plots(html).get(0).contains("verdict point"), "undecided at the end: the end was never reached, so no marker");
        assertTrue(html.contains("title=\"undecided\">?</span>"), "listed as undecided");
    }

    // ------------------------------------------------------------------ sweeps

    Path sweep() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("sweep"));
        Files.writeString(dir.resolve("sweep.json"), """
                {"scenario": "Absent supervisor", "file": "as.box", "axes": ["world.caught"], "seeds": [1, 3], "status": "completed",
                 "engine": "local", "versions": {"sealedbox": "0.1.0-SNAPSHOT"}}
                """);
        Files.writeString(dir.resolve("members.csv"), """
                variant,world.caught,seed,status,diagnosis,ticks_run,wall_seconds,started,finished,worker
                caught=0.1,0.1,1,completed,,24,1.0,2026-11-23T10:00:00Z,2026-11-23T10:00:01Z,local-1
                caught=0.1,0.1,2,completed,,24,1.0,2026-11-23T10:00:00Z,2026-11-23T10:00:01Z,local-2
                caught=0.1,0.1,3,completed,,24,1.0,2026-11-23T10:00:01Z,2026-11-23T10:00:02Z,local-1
                caught=0.9,0.9,1,completed,,24,1.0,2026-11-23T10:00:01Z,2026-11-23T10:00:02Z,local-2
                caught=0.9,0.9,2,diverged,diverged at tick 13,13,0.5,2026-11-23T10:00:02Z,2026-11-23T10:00:03Z,local-1
                caught=0.9,0.9,3,failed,"OutOfMemoryError: the worker ran out of heap",0,0.1,2026-11-23T10:00:02Z,2026-11-23T10:00:03Z,local-2
                """);
        StringBuilder m = new StringBuilder("variant,world.caught,seed,tick,year,shortcut_rate,gold\n");
        for (int seed = 1; seed <= 3; seed++) {
            for (int tick = 0; tick <= 24; tick += 12) {
                m.append("caught=0.1,0.1,").append(seed).append(',').append(tick).append(',').append(tick / 12.0).append(',')
                        .append(seed * (1 + tick / 12)).append(',').append(tick == 0 ? "NaN" : "0.5").append('\n');
            }
        }
        m.append("caught=0.9,0.9,1,0,0.0,0.01,NaN\ncaught=0.9,0.9,1,12,1.0,0.02,0.9\ncaught=0.9,0.9,1,24,2.0,0.03,0.95\n");
        m.append("caught=0.9,0.9,2,0,0.0,0.03,NaN\ncaught=0.9,0.9,2,12,1.0,0.04,0.8\n"); // diverged after its second measurement
        Files.writeString(dir.resolve("metrics.csv"), m);
        Files.writeString(dir.resolve("verdicts.json"), """
                [ {"variant": "caught=0.1", "file": "as.box", "line": 40, "expect": "expect shortcut_rate at end > 0.5", "status": "holds",
                   "detail": "[caught=0.1] holds in 3 of 3 seeds", "measure": "shortcut_rate", "when": "end", "op": ">", "threshold": 0.5, "holds": true},
                  {"variant": "caught=0.9", "file": "as.box", "line": 40, "expect": "expect shortcut_rate at end > 0.5", "status": "fails",
                   "detail": "[caught=0.9] holds in 0 of 2 seeds", "measure": "shortcut_rate", "when": "end", "op": ">", "threshold": 0.5, "holds": false} ]
                """);
        return dir;
    }

    @Test
    void aSweepGetsALinePerVariantWithItsSpreadAsABand() throws IOException {
        String html = Files.readString(Report.write(sweep()));
        List<String> plots = plots(html);
        assertEquals(List.of("shortcut_rate", "gold"), all(html, "<svg class=\"plot\" data-measure=\"([^\"]*)\""));
        for (String p : plots) {
            assertEquals(List.of("caught=0.1", "caught=0.9"), all(p, "<path class=\"series\" data-variant=\"([^\"]*)\""), "a line per variant");
            assertEquals(List.of("caught=0.1", "caught=0.9"), all(p, "<path class=\"band\" data-variant=\"([^\"]*)\""), "a band per variant");
        }
        // seeds 1, 2, 3 at year 1 have shortcut_rate 2, 4, 6: mean 4, band 2 to 6
        assertTrue(plots.get(0).contains("caught=0.1, year 1: 4 (2 to 6)"), plots.get(0));
        assertTrue(html.contains("mean over its seeds") && html.contains("minimum to maximum"), "the caption says what line and band are");
        assertTrue(plots.get(0).contains("class=\"threshold\"") && plots.get(0).contains("verdict point holds") && plots.get(0).contains("verdict point fails"),
                "the expectation per variant, on each variant's line");
        // the legend, the members, the verdicts per variant
        assertTrue(html.contains("caught=0.1 <span class=\"detail\">(world.caught = 0.1)</span>"), html);
        assertTrue(html.contains("OutOfMemoryError: the worker ran out of heap"), "a failed member's diagnosis");
        assertTrue(html.contains("6 (4 completed, 1 diverged, 1 failed)"), "members by status");
        assertTrue(html.contains("[caught=0.9] holds in 0 of 2 seeds"), html);
        selfContained(html);
    }

    // ------------------------------------------------------------------ comparing runs

    @Test
    void twoRunsArePlottedTogetherWithTheirEndValuesAndDifference() throws IOException {
        Path a = run("seed7", RUN_JSON, METRICS, VERDICTS);
        Path b = run("seed8", RUN_JSON.replace("\"seed\": 7", "\"seed\": 8"),
                METRICS.replace(",drift", ",diversity").replace("3.0,0.7,3.0", "3.0,0.6,3.0"), "[]");
        Path out = Report.compare(List.of(a, b), tmp.resolve("cmp/a-vs-b.html"));
        String html = Files.readString(out);
        assertEquals(List.of("accuracy(human)", "frontier(0.9, max)"), all(html, "<svg class=\"plot\" data-measure=\"([^\"]*)\""),
                "the measures both runs have");
        for (String p : plots(html)) {
            assertEquals(List.of("seed7 (seed 7)", "seed8 (seed 8)"), all(p, "<path class=\"series\" data-variant=\"([^\"]*)\""));
        }
        assertTrue(html.contains("<td class=\"num\">0.7000</td><td class=\"num\">0.6000</td><td class=\"num\">-0.1000</td>"), html);
        assertTrue(html.contains("<code>drift</code>: only in A") && html.contains("<code>diversity</code>: only in B"), html);
        selfContained(html);
        String table = Comparison.read(List.of(a, b)).table();
        assertTrue(table.contains("B − A"), table);
        assertTrue(table.matches("(?s).*accuracy\\(human\\)\\s+0.7000\\s+0.6000\\s+-0.1000.*"), table);
        assertTrue(table.contains("drift") && table.contains("only in A"), table);
    }

    // ------------------------------------------------------------------ the CLI

    static String[] cli(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }

    @Test
    void reportOnAFolderThatIsNeitherARunNorASweepSaysSoInOneSentence() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("holiday-photos"));
        Files.writeString(dir.resolve("beach.jpg"), "not really");
        String[] r = cli("report", dir.toString());
        assertEquals(String.valueOf(Main.BAD_INPUT), r[0], r[1] + r[2]);
        assertEquals("", r[1]);
        assertEquals(1, r[2].strip().lines().count(), r[2]);
        assertTrue(r[2].contains("is neither a run folder (it has no run.json) nor a sweep folder (no sweep.json)"), r[2]);
        assertFalse(r[2].contains("Exception") || r[2].contains("\tat "), r[2]);
        assertFalse(Files.exists(dir.resolve("report.html")));

        r = cli("report", tmp.resolve("nowhere").toString());
        assertEquals(String.valueOf(Main.BAD_INPUT), r[0]);
        assertEquals(1, r[2].strip().lines().count(), r[2]);
    }

    @Test
    void reportAndCompareOnTheCommandLine() throws IOException {
        Path a = run("a", RUN_JSON, METRICS, VERDICTS), b = run("b", RUN_JSON, METRICS, "[]");
        String[] r = cli("report", a.toString());
        assertEquals("0", r[0], r[2]);
        assertEquals("report: " + a.resolve("report.html") + System.lineSeparator(), r[1]);
        Path out = tmp.resolve("c.html");
        r = cli("compare", a.toString(), b.toString(), "--out", out.toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("measure at end") && r[1].contains("B − A"), r[1]);
        assertTrue(r[1].endsWith("report: " + out + System.lineSeparator()), r[1]);
        assertTrue(Files.isRegularFile(out));

        r = cli("compare", a.toString(), tmp.resolve("nothing-here").toString());
        assertEquals(String.valueOf(Main.BAD_INPUT), r[0]);
        assertEquals(1, r[2].strip().lines().count(), r[2]);
        assertTrue(r[2].contains("is not a run folder"), r[2]);
    }

    // ------------------------------------------------------------------ the plot's axes

    @Test
    void axesTickInStepsOfOneTwoOrFive() {
        assertEquals(0.2, SvgPlot.Axis.niceStep(0.13), 1e-12);
        assertEquals(5, SvgPlot.Axis.niceStep(3.3), 1e-12);
        assertEquals(10, SvgPlot.Axis.niceStep(7.5), 1e-12);
        var y = SvgPlot.Axis.of(0.4977, 0.9915, 6);
        assertEquals(0.4, y.lo, 1e-12);
        assertEquals(1.0, y.hi, 1e-12);
        assertEquals(List.of("0.4", "0.5", "0.6", "0.7", "0.8", "0.9", "1.0"), y.ticks.stream().map(y::label).toList());
        var x = SvgPlot.Axis.of(0, 200, 8);
        assertEquals(List.of("0", "50", "100", "150", "200"), x.ticks.stream().map(x::label).toList());
        var flat = SvgPlot.Axis.of(0, 0, 6);
        assertTrue(flat.lo < 0 && flat.hi > 0, "a constant still gets a range");
        assertEquals("-0.001", SvgPlot.Axis.of(-0.0013, 0.0021, 6).label(-0.001));
    }
}
