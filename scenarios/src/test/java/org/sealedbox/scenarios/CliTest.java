package org.sealedbox.scenarios;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealedbox.runtime.cli.Main;
import org.sealedbox.runtime.box.Fusing;
import org.sealedbox.runtime.spi.Workers;

/** The CLI as a user meets it: what it prints, what it writes, how it exits. */
class CliTest {
    @TempDir
    Path tmp;

    /** The canon scenario made small enough for a unit test: fewer agents, fewer years. */
    static String smallCanon() throws IOException {
        return Files.readString(Cli.canon("whatever-seems-right"))
                .replace("duration 200 years", "duration 5 years")
                .replace("count 100", "count 12")
                .replace("measure every 10 years", "measure every 1 year");
    }

    @Test
    void runPrintsTheBoxOpeningAndWritesTheRunFolder() throws IOException {
        Path file = tmp.resolve("small.box");
        Files.writeString(file, smallCanon());
        Path out = tmp.resolve("run");
        Cli.Result r = Cli.run("run", file.toString(), "--out", out.toString(), "--no-progress");
        assertEquals(Main.OK, r.exit(), r.all());
        assertTrue(r.out().contains("the box opens after 5 years (60 ticks"), r.out());
        assertTrue(r.out().contains("accuracy(human)") && r.out().contains("start"), r.out());
        assertTrue(r.out().contains("2 of 2 hold"), r.out());
        assertTrue(r.out().contains("run folder: " + out + System.lineSeparator() + "report: " + out.resolve("report.html")), r.out());
        for (String f : List.of("scenario.box", "resolved.json", "run.json", "metrics.csv", "metrics.jsonl", "verdicts.json", "report.html")) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        assertEquals(smallCanon(), Files.readString(out.resolve("scenario.box")));
        List<String> csv = Files.readAllLines(out.resolve("metrics.csv"));
        assertEquals("tick,year,frontier,believed_frontier,accuracy(human),accuracy(new),drift,pretraining_share", csv.get(0));
        assertEquals(1 + 6, csv.size(), "tick 0 and every year");
        JsonNode run = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        assertEquals(7, run.get("seed").asLong());
        assertEquals("completed", run.get("status").asText());
        assertEquals("1", run.get("versions").get("omp_num_threads").asText());
        assertTrue(run.get("versions").get("nd4j_backend").asText().contains("Cpu"), run.toString());
        JsonNode resolved = new ObjectMapper().readTree(out.resolve("resolved.json").toFile());
        assertEquals(0.05, resolved.get("populations").get(0).get("learner").get("params").get("lr").asDouble());
        assertEquals(0.0, resolved.get("populations").get(0).get("learner").get("params").get("replay").asDouble(), "defaults are recorded");
        JsonNode verdicts = new ObjectMapper().readTree(out.resolve("verdicts.json").toFile());
        assertEquals("holds", verdicts.get(0).get("status").asText());
    }

    @Test
    void aFailingExpectationExitsOneAndSaysWhichLine() throws IOException {
        Path file = tmp.resolve("fails.box");
        Files.writeString(file, smallCanon().replace("expect frontier at end == 0", "expect frontier at end > 3"));
        Cli.Result r = Cli.run("run", file.toString(), "--out", tmp.resolve("run").toString(), "--no-progress");
        assertEquals(Main.FAILED, r.exit(), r.all());
        assertTrue(r.out().contains("✗ " + file + ":42  expect frontier at end > 3"), r.out());
    }

    @Test
    void aThreadCountThatIsNotANumberIsBadInputNotAnInternalError() throws IOException {
        Path file = tmp.resolve("small.box");
        Files.writeString(file, smallCanon());
        Workers.count(); // fixed for this JVM's boxes before the property changes
        withProperty(Workers.PROPERTY, "abc", () -> assertBadInputRunsNothing(file,
                "sealedbox: sealedbox.threads / SEALEDBOX_THREADS must be a whole number of threads, not \"abc\"\n"));
    }

    /** Runs {@code body} with the system property {@code key} set to {@code value}, then sets it back. */
    private static void withProperty(String key, String value, IoAction body) throws IOException {
        String before = System.getProperty(key);
        System.setProperty(key, value);
        try {
            body.run();
        } finally {
            if (before == null) System.clearProperty(key);
            else System.setProperty(key, before);
        }
    }

    private interface IoAction {
        void run() throws IOException;
    }

    /** That running {@code file} exits 2 with {@code message} and writes no run folder. */
    private void assertBadInputRunsNothing(Path file, String message) {
        Cli.Result r = Cli.run("run", file.toString(), "--out", tmp.resolve("bad").toString(), "--no-progress");
        assertEquals(Main.BAD_INPUT, r.exit(), r.all());
        assertEquals(message, r.err());
        assertFalse(Files.exists(tmp.resolve("bad")), "nothing ran");
    }

    /**
     * SEALEDBOX_FUSE=off (here its property) runs the box's ticks as ops over whole tensors, and says so in resolved.json;
     * the measures agree with the fused run's to float rounding. A value that is neither on nor off is bad input.
     */
    @Test
    void fusedPassesCanBeTurnedOffAndTheRunSaysSo() throws IOException {
        Path file = tmp.resolve("small.box");
        Files.writeString(file, smallCanon());
        Cli.Result fused = Cli.run("run", file.toString(), "--out", tmp.resolve("fused").toString(), "--no-progress");
        assertEquals(Main.OK, fused.exit(), fused.all());
        withProperty(Fusing.PROPERTY, "off", () -> {
            Cli.Result ops = Cli.run("run", file.toString(), "--out", tmp.resolve("ops").toString(), "--no-progress");
            assertEquals(Main.OK, ops.exit(), ops.all());
        });
        JsonNode on = new ObjectMapper().readTree(tmp.resolve("fused/resolved.json").toFile()).get("box");
        JsonNode off = new ObjectMapper().readTree(tmp.resolve("ops/resolved.json").toFile()).get("box");
        assertEquals("on", on.get("fusing").asText());
        assertEquals("concepts, linear, familiarity, self_confidence, sft", on.get("fused").get("llm").asText());
        assertEquals("off", off.get("fusing").asText());
        assertEquals(0, off.get("fused").size(), off.toString());
        List<String> a = Files.readAllLines(tmp.resolve("fused/metrics.csv")), b = Files.readAllLines(tmp.resolve("ops/metrics.csv"));
        assertEquals(a.size(), b.size());
        for (int row = 1; row < a.size(); row++) {
            String[] x = a.get(row).split(","), y = b.get(row).split(",");
            for (int c = 2; c < x.length; c++) {
                assertEquals(Double.parseDouble(x[c]), Double.parseDouble(y[c]), 1e-4, "row " + row + ", column " + c);
            }
        }
        withProperty(Fusing.PROPERTY, "maybe", () -> assertBadInputRunsNothing(file,
                "sealedbox: sealedbox.fuse / SEALEDBOX_FUSE must be on or off, not \"maybe\"\n"));
    }

    @Test
    void aSeedOnTheCommandLineOverridesTheScenariosSeed() throws IOException {
        Path file = tmp.resolve("small.box");
        Files.writeString(file, smallCanon());
        Cli.run("run", file.toString(), "--out", tmp.resolve("a").toString(), "--no-progress", "--seed", "99");
        JsonNode run = new ObjectMapper().readTree(tmp.resolve("a/run.json").toFile());
        assertEquals(99, run.get("seed").asLong());
    }

    @Test
    void setOverridesASettingAndIsCheckedLikeTheFile() throws IOException {
        Path file = tmp.resolve("small.box");
        Files.writeString(file, smallCanon());
        Cli.Result ok = Cli.run("run", file.toString(), "--out", tmp.resolve("a").toString(), "--no-progress", "--set", "llm.count=4",
                "--set", "duration=2 years");
        assertEquals(Main.OK, ok.exit(), ok.all());
        assertTrue(ok.out().contains("2 years at 1 month a tick (24 ticks), 4 agents"), ok.out());
        JsonNode run = new ObjectMapper().readTree(tmp.resolve("a/run.json").toFile());
        assertEquals("4", run.get("overrides").get("llm.count").asText());
        assertTrue(Files.readString(tmp.resolve("a/scenario.box")).startsWith("// run with duration=2 years llm.count=4\n"));

        Cli.Result typo = Cli.run("run", file.toString(), "--set", "seeed=3");
        assertEquals(Main.BAD_INPUT, typo.exit());
        assertTrue(typo.err().contains("cannot override `seeed` (did you mean `seed`?)"), typo.err());
        Cli.Result pop = Cli.run("run", file.toString(), "--set", "lm.count=3");
        assertTrue(pop.err().contains("no population `lm` in " + file + " (did you mean `llm`?)"), pop.err());
        Cli.Result bad = Cli.run("run", file.toString(), "--set", "llm.learner.lr=lots");
        assertEquals(Main.BAD_INPUT, bad.exit());
        assertTrue(bad.err().contains("error:") && bad.err().contains("lots") && bad.err().contains("^"), bad.err());
        assertFalse(typo.all().contains("Exception") || bad.all().contains("Exception") || pop.all().contains("Exception"));
    }

    @Test
    void threeMistakesGiveThreeDiagnosticsAndNoStackTrace() throws IOException {
        Path file = tmp.resolve("broken.box");
        Files.writeString(file, smallCanon()
                .replace("duration 5 years", "duration 5 yeers")
                .replace("self_confidence threshold 0.5", "self_confidance threshold 0.5")
                .replace("learner sft lr 0.05", "learner sft lr 0.05 replya 0.2"));
        Cli.Result r = Cli.run("check", file.toString());
        assertEquals(1, r.exit(), r.all());
        Matcher m = Pattern.compile(Pattern.quote(file.toString()) + ":(\\d+):(\\d+): error: ").matcher(r.err());
        int count = 0;
        while (m.find()) count++;
        assertEquals(3, count, r.err());
        assertTrue(r.err().contains("unknown unit of time `yeers`") && r.err().contains("did you mean `years`?"), r.err());
        assertTrue(r.err().contains("unknown judge `self_confidance`") && r.err().contains("did you mean `self_confidence`?"), r.err());
        assertTrue(r.err().contains("`sft` has no parameter `replya`") && r.err().contains("did you mean `replay`?"), r.err());
        assertTrue(r.err().contains("^"), "a caret under each culprit");
        assertFalse(r.all().contains("Exception") || r.all().contains("\tat "), r.all());
        assertTrue(r.err().contains("broken.box: 3 errors"), r.err());
    }

    @Test
    void runRefusesAnInvalidScenarioWithExitTwo() throws IOException {
        Path file = tmp.resolve("broken.box");
        Files.writeString(file, "scenario \"x\" { box { duration 1 year } }");
        Cli.Result r = Cli.run("run", file.toString(), "--out", tmp.resolve("run").toString());
        assertEquals(Main.BAD_INPUT, r.exit(), r.all());
        assertTrue(r.err().contains("nothing was run"), r.err());
        assertFalse(Files.exists(tmp.resolve("run")), "no run folder for a scenario that did not run");
    }

    @Test
    void missingFilesAndFoldersGetASentence() {
        Cli.Result r = Cli.run("check", tmp.resolve("nope.box").toString(), tmp.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("nope.box: no such file"), r.err());
        assertTrue(r.err().contains("is a folder, not a scenario file"), r.err());
        assertEquals(Main.BAD_INPUT, Cli.run("run").exit(), "a missing argument is bad input");
    }

    @Test
    void theCanonChecksClean() throws IOException {
        List<String> files;
        try (var s = Files.walk(Cli.root().resolve("scenarios"), 2)) {
            files = s.filter(f -> f.toString().endsWith(".box") && !f.toString().contains("/src/")).map(Path::toString).sorted().toList();
        }
        assertTrue(files.size() >= 7, files.toString());
        Cli.Result r = Cli.run(java.util.stream.Stream.concat(java.util.stream.Stream.of("check"), files.stream()).toArray(String[]::new));
        assertEquals(0, r.exit(), r.all());
        assertEquals("", r.err(), "no warnings in the canon");
        assertTrue(r.out().contains(": ok — \"Whatever seems right\", 2400 ticks"), r.out());
        assertTrue(r.out().contains(": ok — \"Consequence-grounded\", 4800 ticks"), r.out());
    }

    @Test
    void pluginsListsEveryPluginWithItsParameters() {
        Cli.Result r = Cli.run("plugins");
        assertEquals(0, r.exit());
        for (String s : List.of("WORLDS", "concepts", "fields", "prerequisites", "chain | tree(k) | random(p) | none", "MODELS", "linear",
                "LEARNERS", "sft", "replay", "JUDGES", "accept_all", "self_confidence", "threshold", "MEASURES", "accuracy",
                "frontier", "drift", "pretraining_share", "CONFIDENCE MODELS", "familiarity")) {
            assertTrue(r.out().contains(s), s + " missing from:\n" + r.out());
        }
    }

    @Test
    void everyCommandHasHelp() {
        for (String cmd : List.of("run", "check", "plugins")) {
            Cli.Result r = Cli.run(cmd, "--help");
            assertEquals(0, r.exit(), cmd);
            assertTrue(r.out().contains("Usage: sealedbox " + cmd), r.out());
        }
        assertTrue(Cli.run("--help").out().contains("Commands:"));
    }

    @Test
    void testRunsEveryScenarioPrintsALinePerScenarioWritesJUnitXmlAndFailsOnAFailingExpect(@org.junit.jupiter.api.io.TempDir java.nio.file.Path xml) throws Exception {
        Cli.Result r = Cli.run("test", Cli.root().resolve("scenarios/src/test/engine-fixtures").toString(), "--xml", xml.toString());
        assertEquals(1, r.exit(), r.all());
        assertTrue(r.out().contains("running 3 scenarios"), r.out());
        assertTrue(r.out().contains("passing.box  \"passing\"  2 of 2 hold"), r.out());
        assertTrue(r.out().contains("failing.box:12: expect accuracy(human) at end > 2 — "), r.out());
        assertTrue(r.out().contains("broken.box  does not compile"), r.out());
        assertTrue(r.err().contains("broken.box:5:13: error: unknown judge `self_confidance`"), r.err());
        assertTrue(r.out().contains("3 scenarios: 1 passed, 2 failed (1 do not compile); expectations: 3 hold, 1 fail"), r.out());
        try (var files = java.nio.file.Files.list(xml)) {
            assertEquals(3, files.filter(f -> f.getFileName().toString().startsWith("TEST-")).count());
        }
        Cli.Result passing = Cli.run("test", Cli.root().resolve("scenarios/src/test/engine-fixtures/passing.box").toString(), "--xml", xml.toString());
        assertEquals(0, passing.exit(), passing.all());
    }
}
