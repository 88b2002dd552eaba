package org.sealedbox.scenarios;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Same scenario + seed + backend → the same numbers, bit for bit. */
class DeterminismTest {
    @TempDir
    Path tmp;

    @Test
    void twoRunsWithOneSeedWriteByteIdenticalMetrics() throws IOException {
        Path file = tmp.resolve("small.box");
        Files.writeString(file, CliTest.smallCanon());
        for (String run : new String[] {"a", "b"}) {
            assertEquals(0, Cli.run("run", file.toString(), "--out", tmp.resolve(run).toString(), "--no-progress").exit());
        }
        byte[] a = Files.readAllBytes(tmp.resolve("a/metrics.csv")), b = Files.readAllBytes(tmp.resolve("b/metrics.csv"));
        assertArrayEquals(a, b);
        assertArrayEquals(Files.readAllBytes(tmp.resolve("a/metrics.jsonl")), Files.readAllBytes(tmp.resolve("b/metrics.jsonl")));

        assertEquals(0, Cli.run("run", file.toString(), "--out", tmp.resolve("c").toString(), "--no-progress", "--seed", "8").exit());
        assertFalse(java.util.Arrays.equals(a, Files.readAllBytes(tmp.resolve("c/metrics.csv"))), "another seed, other numbers");
    }
}
