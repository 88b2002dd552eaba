package org.sealedbox.scenarios;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealedbox.runtime.cli.Main;

/** A diverging run stops with what diverged and where, and keeps everything measured so far. */
class DivergenceTest {
    @TempDir
    Path tmp;

    @Test
    void aDivergingLearnerStopsTheRunAndEverythingMeasuredIsKept() throws IOException {
        Path file = tmp.resolve("explodes.box");
        Files.writeString(file, CliTest.smallCanon()
                .replace("learner sft lr 0.05", "learner explode factor 1e10")
                .replace("judge seems_right = self_confidence threshold 0.5", "judge seems_right = accept_all")
                .replace("measure every 1 year", "measure every 1 month"));
        Path out = tmp.resolve("run");
        Cli.Result r = Cli.run("run", file.toString(), "--out", out.toString(), "--no-progress");
        assertEquals(Main.DIVERGED, r.exit(), r.all());
        // 1e10 per tick: float weights overflow on the fourth tick (1e40 > 3.4e38)
        assertTrue(r.out().contains("the run diverged: diverged at tick 4 (year 0.33): infinite weights of population `llm` after learner `explode`"),
                r.out());
        assertTrue(r.out().contains("everything measured until then is in the run folder"), r.out());
        assertFalse(r.all().contains("Exception"), r.all());
        List<String> csv = Files.readAllLines(out.resolve("metrics.csv"));
        assertEquals(1 + 5, csv.size(), "ticks 0..3 were measured, and tick 4 once more after it diverged: " + csv);
        assertTrue(csv.get(5).startsWith("4,"), csv.get(5));
        JsonNode run = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        assertEquals("diverged", run.get("status").asText());
        assertEquals(4, run.get("ticks_run").asLong());
        JsonNode verdicts = new ObjectMapper().readTree(out.resolve("verdicts.json").toFile());
        assertEquals("undecided", verdicts.get(0).get("status").asText(), "the end was never reached: " + verdicts);
        assertTrue(r.out().contains("report: " + out.resolve("report.html")), r.out());
        String report = Files.readString(out.resolve("report.html"));
        assertTrue(report.contains("The run diverged.</strong> diverged at tick 4 (year 0.33): infinite weights of population `llm`"),
                "the report says so, with everything measured: " + report);
    }

    @Test
    void aDivergingLearningRateSetOnTheCommandLineStopsACanonRunWithItsDiagnosis() throws IOException {
        Path out = tmp.resolve("rl");
        // rl's answer step has no stability check (only sft's does): 10 is in its range, and far too large
        Cli.Result r = Cli.run("run", Cli.canon("character-training-constant").toString(), "--set", "llm.learner.lr=10",
                "--set", "duration=2 years", "--out", out.toString(), "--no-progress");
        assertEquals(Main.DIVERGED, r.exit(), r.all());
        assertTrue(r.out().contains("the run diverged: diverged at tick 10 (year 0.83): NaN weights of population `llm` after "
                + "learner `rl`; measures not finite then: character, shortcut_rate(observed), accuracy(new), drift"), r.out());
        assertFalse(r.all().contains("Exception"), r.all());
        List<String> csv = Files.readAllLines(out.resolve("metrics.csv"));
        assertEquals(3, csv.size(), "the start, and tick 10 after the divergence: " + csv);
        assertTrue(csv.get(2).startsWith("10,0.833333333,NaN,"), csv.get(2));
        JsonNode run = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        assertEquals("diverged", run.get("status").asText());
        assertEquals("10", run.get("overrides").get("llm.learner.lr").asText());
        String report = Files.readString(out.resolve("report.html"));
        assertTrue(report.contains("NaN weights of population `llm` after learner `rl`"),
                "the report shows the divergence");
    }
}
