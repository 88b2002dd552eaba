package org.sealedbox.scenarios;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealedbox.runtime.cli.Main;

/** {@code sealedbox sweep}: members side by side, each written as it finishes; failures recorded; a stopped sweep resumes. */
class SweepTest {
    @TempDir
    Path tmp;

    static String tiny(String sweep) {
        return """
                scenario "Tiny sweep" {
                  box { duration 1 year  tick 1 month  seed 1 }
                  world concepts { fields 6 width 4 human 0..2 }
                  agents llm count 8 {
                    model linear
                    pretrain humans samples 500 epochs 1
                    learner sft lr 0.05
                  }
                  judge j = accept_all
                  each tick {
                    llm proposes 4 at frontier noise 0.5
                    j selects into llm.weights
                  }
                  measure every 3 months { frontier drift }
                  sweep { %s }
                  expect drift at end > 0
                }
                """.formatted(sweep);
    }

    static List<CSVRecord> csv(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(in).getRecords();
        }
    }

    @Test
    void twentySeedsRunTwoAtATimeAndFormOneTable() throws IOException {
        Path file = tmp.resolve("tiny.box"), out = tmp.resolve("sweep");
        Files.writeString(file, tiny("seeds 1..20"));
        Cli.Result r = Cli.run("sweep", file.toString(), "--out", out.toString(), "--threads", "2");
        assertEquals(Main.OK, r.exit(), r.all());
        assertTrue(r.out().contains("1 variant × 20 seeds = 20 members, engine local, 2 at a time"), r.out());
        List<CSVRecord> members = csv(out.resolve("members.csv"));
        assertEquals(20, members.size());
        assertTrue(members.stream().allMatch(m -> m.get("status").equals("completed")), members.toString());
        // both cores: some two members were running at the same moment, on two threads
        List<Instant[]> spans = new ArrayList<>();
        for (CSVRecord m : members) spans.add(new Instant[] {Instant.parse(m.get("started")), Instant.parse(m.get("finished"))});
        int most = 0;
        for (Instant[] s : spans) most = Math.max(most, (int) spans.stream().filter(o -> o[0].compareTo(s[0]) <= 0 && o[1].isAfter(s[0])).count());
        assertEquals(2, most, "at most and at least two members at once");
        assertEquals(2, members.stream().map(m -> m.get("worker")).distinct().count());
        // one table: every member's five measurements, with its variant and seed
        List<CSVRecord> table = csv(out.resolve("metrics.csv"));
        assertEquals(20 * 5, table.size());
        assertEquals(List.of("variant", "seed", "tick", "year", "frontier", "drift"), csv(out.resolve("metrics.csv")).get(0).getParser().getHeaderNames());
        assertTrue(Files.isRegularFile(out.resolve("members/all/seed20/metrics.csv")));
        assertTrue(Files.readString(out.resolve("report.html")).contains("svg"));
        assertTrue(r.out().contains("✓ " + file + ":16: expect drift at end > 0 — [all seeds]"), r.out());
    }

    @Test
    void aFailingMemberIsRecordedTheRestCompleteAndAStoppedSweepResumesWhereItWas() throws IOException {
        Path file = tmp.resolve("tiny.box"), out = tmp.resolve("sweep");
        Files.writeString(file, tiny("llm.learner.lr in [0.05, 50]  seeds 1..2"));
        Cli.Result first = Cli.run("sweep", file.toString(), "--out", out.toString());
        assertEquals(Main.FAILED, first.exit(), first.all());
        assertTrue(first.out().contains("4 members: 2 completed, 0 diverged, 2 failed"), first.out());
        List<CSVRecord> members = csv(out.resolve("members.csv"));
        assertEquals(4, members.size());
        for (CSVRecord m : members) {
            if (m.get("llm.learner.lr").equals("50")) {
                assertEquals("failed", m.get("status"));
                assertTrue(m.get("diagnosis").contains("`lr` of `sft` is out of range: 50"), m.get("diagnosis"));
            } else {
                assertEquals("completed", m.get("status"));
            }
        }
        byte[] table = Files.readAllBytes(out.resolve("metrics.csv"));

        // stopped after its first member: members.csv knew only that one
        List<String> lines = Files.readAllLines(out.resolve("members.csv"));
        Files.write(out.resolve("members.csv"), lines.subList(0, 2));
        Cli.Result resumed = Cli.run("sweep", "--resume", out.toString());
        assertTrue(resumed.out().contains("1 done before: skipped"), resumed.out());
        assertEquals(3, resumed.out().lines().filter(l -> l.matches("[✓✗] llm.learner.lr=.*")).count(), resumed.out());
        assertEquals(4, csv(out.resolve("members.csv")).size());
        assertArrayEquals(table, Files.readAllBytes(out.resolve("metrics.csv")), "the same table as the sweep that was not stopped");
    }
}
