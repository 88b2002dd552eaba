package org.sealedbox.scenarios;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealedbox.runtime.cli.Main;
import org.sealedbox.runtime.results.Checkpoints;

/**
 * A run killed with {@code kill -9} at a random moment after its first checkpoint, then {@code run --resume}d, ends with
 * metrics byte-identical to a run that was never stopped. The killed run is a JVM of its own.
 */
class ResumeAfterKillTest {
    @TempDir
    Path tmp;

    @Test
    void killedAtARandomTickAndResumedItsMetricsAreByteIdentical() throws Exception {
        // canon #0, shorter and measured every 3 months, checkpointed every 6 (and pretrained on fewer samples, to be quick)
        Path file = tmp.resolve("whatever.box");
        Files.writeString(file, Files.readString(Cli.canon("whatever-seems-right"))
                .replace("measure every 10 years", "measure every 3 months")
                .replace("duration 200 years", "duration 8 years  checkpoint every 6 months")
                .replace("samples 20000 epochs 5", "samples 4000 epochs 2"));
        Path straight = tmp.resolve("straight"), killed = tmp.resolve("killed");
        Cli.Result whole = Cli.run("run", file.toString(), "--out", straight.toString(), "--no-progress");
        assertEquals(Main.OK, whole.exit(), whole.all());

        long seed = System.nanoTime();
        Random random = new Random(seed);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "run", file.toString(), "--out", killed.toString(), "--no-progress"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("killed.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!Files.exists(killed.resolve(Checkpoints.FILE)) && p.isAlive() && System.nanoTime() < deadline) Thread.sleep(20);
            assertTrue(Files.exists(killed.resolve(Checkpoints.FILE)), "no checkpoint appeared: " + Files.readString(tmp.resolve("killed.log")));
            long delay = random.nextInt(1500);
            Thread.sleep(delay);
            assertTrue(p.isAlive(), "the run ended before it could be killed (delay " + delay + " ms)");
            p.destroyForcibly(); // SIGKILL: no shutdown hooks, no flushing
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertEquals(137, p.exitValue(), "killed by signal 9");
        } finally {
            p.destroyForcibly();
        }
        assertFalse(Files.exists(killed.resolve("run.json")), "the killed run never finished");
        String at = Files.readAllLines(killed.resolve("metrics.csv")).size() - 1 + " measurements (random seed " + seed + ")";
        System.out.println("killed with " + at + " in its metrics.csv");

        Cli.Result resumed = Cli.run("run", "--resume", killed.toString(), "--no-progress");
        assertEquals(Main.OK, resumed.exit(), at + "\n" + resumed.all());
        assertTrue(resumed.out().startsWith("resuming " + killed + " from its checkpoint after tick "), resumed.out());
        for (String f : List.of("metrics.csv", "metrics.jsonl")) {
            assertArrayEquals(Files.readAllBytes(straight.resolve(f)), Files.readAllBytes(killed.resolve(f)), f + " after " + at);
        }
        assertEquals(Files.readString(straight.resolve("verdicts.json")), Files.readString(killed.resolve("verdicts.json")));
        Cli.Result again = Cli.run("run", "--resume", killed.toString());
        assertEquals(Main.BAD_INPUT, again.exit());
        assertTrue(again.err().contains("the run has ended (completed); there is nothing to resume"), again.err());
    }

    @Test
    void aScenarioChangedSinceTheRunStartedIsNotResumedIntoTheOldState() throws IOException {
        Path file = tmp.resolve("short.box"), dir = tmp.resolve("run");
        Files.writeString(file, Files.readString(Cli.canon("whatever-seems-right"))
                .replace("duration 200 years", "duration 2 years  checkpoint every 1 year")
                .replace("samples 20000 epochs 5", "samples 2000 epochs 1"));
        assertEquals(Main.OK, Cli.run("run", file.toString(), "--out", dir.toString(), "--no-progress").exit());
        Files.delete(dir.resolve("run.json")); // as if it had been killed after its checkpoint
        Files.writeString(file, Files.readString(file).replace("learner sft lr 0.05", "learner sft lr 0.04"));
        Cli.Result r = Cli.run("run", "--resume", dir.toString());
        assertEquals(Main.BAD_INPUT, r.exit(), r.all());
        assertTrue(r.err().contains("has changed since the run started: it resolves to another box"), r.err());
        assertFalse(r.all().contains("Exception"), r.all());
    }
}
