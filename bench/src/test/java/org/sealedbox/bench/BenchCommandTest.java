package org.sealedbox.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealedbox.runtime.cli.Main;

/** {@code sealedbox bench} at a toy size: the table, bench.json, and bytes computed from the tensors' shapes. No timing is asserted. */
class BenchCommandTest {
    /** The notes box measured 1.13 GB at 1e3 and 2.63 GB at 1e4 agents, and needed 15.8 GB at 1e5: the slope predicts it. */
    @Test
    void extrapolatesMemoryFromTheGrowthBetweenTwoSizes() {
        double perAgent = BenchCommand.growthPerAgent(10_000, 2_630_000_000L, 1_000, 1_130_000_000L);
        assertEquals(166_667, perAgent, 1);
        assertEquals(17.6e9, 2_630_000_000L + perAgent * 90_000, 0.05e9);
        assertEquals(263_000, BenchCommand.growthPerAgent(10_000, 2_630_000_000L, 0, 0), 1, "from one size, in proportion");
    }

    @Test
    void warmsUpForHalfTheTimedTicksUnlessTold() {
        assertEquals(100, BenchCommand.timedTicks(0, 1_000));
        assertEquals(20, BenchCommand.timedTicks(0, 10_000));
        assertEquals(3, BenchCommand.timedTicks(0, 100_000));
        assertEquals(7, BenchCommand.timedTicks(7, 100_000), "--ticks");
        assertEquals(50, BenchCommand.warmupTicks(null, 100));
        assertEquals(10, BenchCommand.warmupTicks(null, 20));
        assertEquals(3, BenchCommand.warmupTicks(null, 3), "at least 3");
        assertEquals(1, BenchCommand.warmupTicks(1, 100), "--warmup");
        assertEquals(0, BenchCommand.warmupTicks(0, 100), "--warmup 0: none");
    }

    @Test
    void printsTheTableAndRecordsTheRun(@TempDir Path out) throws Exception {
        System.setProperty("sealedbox.root", Path.of("..").toAbsolutePath().normalize().toString());
        StringWriter text = new StringWriter(), err = new StringWriter();
        int code = Main.execute(new String[] {"bench", "--agents", "100", "--boxes", "whatever-seems-right,notes", "--ticks", "2",
                "--warmup", "1", "--baselines", "objects", "--stream-mib", "8", "--out", out.toString()}, new PrintWriter(text, true),
                new PrintWriter(err, true));
        assertEquals(Main.OK, code, err.toString());
        String printed = text.toString();
        assertTrue(printed.contains("memory bandwidth:"), printed);
        assertTrue(printed.lines().anyMatch(l -> l.startsWith("whatever-seems-right") && l.contains("×")), printed);
        assertTrue(printed.lines().anyMatch(l -> l.startsWith("notes ")), printed);

        JsonNode bench = new ObjectMapper().readTree(Files.readString(out.resolve("bench.json")));
        assertTrue(bench.get("bandwidth_bytes_per_second").asDouble() > 0);
        JsonNode linear = bench.get("results").get(0), notes = bench.get("results").get(1);
        assertTrue(linear.get("agent_ticks_per_second").asDouble() > 0);
        assertEquals(2, linear.get("tick_seconds").size());
        // per agent: weights 384 floats, exposure 24, signal and human signal 1 each
        assertEquals(4 * (384 + 24 + 1 + 1), linear.get("state_bytes_per_agent").asLong());
        // a tick reads and writes the weights and the accounting
        assertEquals(100L * 4 * (2 * 384 + 2 * (24 + 1 + 1)), linear.get("state_bytes_per_tick").asLong());
        // with notes: 64 of (384 + 1 + 1) floats more per agent; the weights are read only, the notes read, 8 new ones written
        assertEquals(4 * (384 + 24 + 1 + 1 + 64 * (384 + 1 + 1)), notes.get("state_bytes_per_agent").asLong());
        assertEquals(100L * 4 * (384 + 2 * (24 + 1 + 1) + 64 * 386 + 8 * 386), notes.get("state_bytes_per_tick").asLong());
        assertEquals("objects", linear.get("baselines").get("objects").get("impl").asText());
        assertTrue(linear.get("baselines").get("objects").get("ratio").asDouble() > 0);
        assertEquals(7, linear.get("seed").asLong());
    }
}
