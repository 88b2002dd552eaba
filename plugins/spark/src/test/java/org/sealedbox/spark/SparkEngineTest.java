package org.sealedbox.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealedbox.dsl.ScenarioCompiler;
import org.sealedbox.runtime.Recipe;
import org.sealedbox.runtime.ScenarioLoader;
import org.sealedbox.runtime.sweep.LocalEngine;
import org.sealedbox.runtime.sweep.Sweep;
import org.sealedbox.runtime.sweep.SweepJob;

/** The Spark engine in Spark's local mode ({@code local[2]}: two executor threads in this JVM), against the local engine. */
class SparkEngineTest {
    /** Six small members: two population sizes, three seeds each. */
    static final String BOX = """
            scenario "small sweep" {
              box { duration 3 years  tick 1 month  seed 3 }
              world concepts { fields 6 width 4 human 0..2 }
              agents llm count 8 {
                model linear
                pretrain humans samples 2000 epochs 3
                learner sft lr 0.05
              }
              judge j = accept_all
              each tick {
                llm proposes 8 at frontier noise 0.3
                j selects into llm.weights
              }
              measure every 1 year { frontier accuracy(human) drift }
              sweep {
                %s
                seeds %s
              }
              expect frontier at end >= 0
              expect mean(accuracy(human) at end) > 0.5
            }
            """;

    @TempDir
    Path tmp;

    private Sweep sweep(String axis, String seeds, String folder) throws IOException {
        Path file = tmp.resolve("small.box");
        Files.writeString(file, BOX.formatted(axis, seeds));
        Recipe recipe = Recipe.of(file, Map.of(), List.of(), false);
        ScenarioCompiler.Compilation c = recipe.compile(new ScenarioLoader(recipe.registry()));
        assertTrue(c.ok(), () -> c.diagnostics().render());
        return new Sweep(recipe, c.model().get(), tmp.resolve(folder));
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    @Test
    void isFoundByName() {
        assertInstanceOf(SparkEngine.class, Sweep.engines().get("spark"));
    }

    @Test
    void theMasterIsLocalThreadsUnlessGivenAndMustBeAMasterUrl() {
        assertEquals("local[3]", new SparkEngine().master(null, 3));
        assertEquals("spark://head:7077", new SparkEngine().master(" spark://head:7077 ", 3));
        assertEquals("local[*]", new SparkEngine().master("local[*]", 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SparkEngine().master("head:7077", 2));
        assertTrue(e.getMessage().startsWith("--master head:7077: not a Spark master URL"), e.getMessage());
    }

    @Test
    void membersRunAsSparkTasksWithTheLocalEnginesNumbersAndEachResultArrivesAsItFinishes() throws Exception {
        Sweep onSpark = sweep("llm.count in [8, 16]", "1..3", "spark");
        int n = onSpark.members().size();
        assertEquals(6, n);

        List<SweepJob.Result> heard = Collections.synchronizedList(new ArrayList<>());
        List<Integer> rowsWhenHeard = Collections.synchronizedList(new ArrayList<>());
        List<Instant> whenHeard = Collections.synchronizedList(new ArrayList<>());
        long t0 = System.nanoTime();
        onSpark.run(new SparkEngine(), "local[2]", 2, r -> {
            whenHeard.add(Instant.now());
            heard.add(r);
            try {
                rowsWhenHeard.add(lines(onSpark.dir().resolve("members.csv")).size() - 1); // written before we hear of it
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        System.out.printf("spark local[2]: %d members in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);

        Sweep onThreads = sweep("llm.count in [8, 16]", "1..3", "local");
        onThreads.run(new LocalEngine(), null, 2, r -> {});

        // every member completed, on Spark's executor threads
        assertEquals(n, onSpark.finished().size());
        for (SweepJob.Result r : onSpark.finished()) {
            assertEquals("completed", r.status(), r.member().folder() + ": " + r.diagnosis());
            assertTrue(r.worker().contains("/Executor task launch worker for task "), r.worker());
        }
        List<String> members = lines(onSpark.dir().resolve("members.csv"));
        assertEquals(n + 1, members.size());
        assertTrue(members.stream().skip(1).allMatch(l -> l.contains("Executor task launch worker")), String.join("\n", members));

        // one call per member, each after members.csv had its row: results arrive one by one, not all at the end
        assertEquals(n, heard.size());
        assertEquals(n, heard.stream().map(r -> r.member().folder()).distinct().count());
        assertEquals(List.of(1, 2, 3, 4, 5, 6), rowsWhenHeard);
        Instant lastFinished = heard.stream().map(r -> Instant.parse(r.finished())).max(Instant::compareTo).orElseThrow();
        assertTrue(whenHeard.get(0).isBefore(lastFinished), "the first result was heard only after the last member finished");

        // the same numbers wherever a member ran: each member's metrics.csv, and the sweep's table, byte for byte
        for (SweepJob.Member m : onSpark.members()) {
            Path a = onSpark.job().folder(m).resolve("metrics.csv"), b = onThreads.job().folder(m).resolve("metrics.csv");
            assertTrue(Files.size(a) > 0, a.toString());
            assertArrayEquals(Files.readAllBytes(b), Files.readAllBytes(a), m.folder());
        }
        assertArrayEquals(Files.readAllBytes(onThreads.dir().resolve("metrics.csv")), Files.readAllBytes(onSpark.dir().resolve("metrics.csv")));
        assertEquals(1 + 6 * 4, lines(onSpark.dir().resolve("metrics.csv")).size()); // measured at year 0, 1, 2, 3
        assertArrayEquals(Files.readAllBytes(onThreads.dir().resolve("verdicts.json")), Files.readAllBytes(onSpark.dir().resolve("verdicts.json")));
        assertTrue(lines(onSpark.dir().resolve("sweep.json")).stream().anyMatch(l -> l.contains("\"engine\" : \"spark\"")));
        assertTrue(Files.isRegularFile(onSpark.dir().resolve("report.html")));
    }

    @Test
    void aMemberThatDoesNotCompileIsRecordedAsFailedWithItsDiagnosisAndTheOthersComplete() throws Exception {
        Sweep s = sweep("llm.learner.lr in [0.05, 50]", "1..2", "failing"); // sft's lr is in [0, 10]
        s.run(new SparkEngine(), null, 2, r -> {}); // no master: local[2]
        List<SweepJob.Result> results = s.finished();
        assertEquals(4, results.size());
        for (SweepJob.Result r : results) {
            if (r.member().axes().get("llm.learner.lr").equals("50")) {
                assertEquals("failed", r.status());
                assertTrue(r.diagnosis().contains("`lr` of `sft` is out of range: 50"), r.diagnosis());
            } else {
                assertEquals("completed", r.status(), r.diagnosis());
                assertTrue(Files.isRegularFile(s.job().folder(r.member()).resolve("metrics.csv")));
            }
        }
        assertEquals(2, lines(s.dir().resolve("members.csv")).stream().filter(l -> l.contains(",failed,\"does not compile:")).count());
    }
}
