package org.example.surprise;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built jar, loaded from a folder by sealedbox's CLI in a JVM of its own (whose class path does not hold this
 * project), runs canon #9 with the learner swapped in. Runs after {@code package}, when the jar exists.
 */
class SurpriseInCanonIT {
    static final Path FOLDER = Path.of(System.getProperty("plugin.folder", "target/plugin"));
    static final Path CANON = Path.of("../../../scenarios/canon/surprise-updates.box").toAbsolutePath().normalize();

    record Run(int exit, String out) {}

    static Run sealedbox(String... args) throws IOException, InterruptedException {
        String cp = Files.readString(Path.of(System.getProperty("sealedbox.classpath", "target/sealedbox.classpath"))).strip();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dorg.slf4j.simpleLogger.log.org.nd4j=warn", "-cp", cp, "org.sealedbox.runtime.cli.Main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("OMP_NUM_THREADS", "1");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), out);
    }

    @Test
    void runsCanonNineWithTheLearnerSwappedIn() throws Exception {
        Run r = sealedbox("run", "surprise-updates-gated.box", "--plugins", FOLDER.toString(), "--no-progress",
                "--out", "target/it-run");
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("4 of 4 hold"), r.out());
    }

    @Test
    void aPluginsFolderBesideTheScenarioIsInstalledForIt(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("plugins"));
        try (var jars = Files.list(FOLDER)) {
            for (Path jar : jars.toList()) Files.copy(jar, dir.resolve("plugins").resolve(jar.getFileName()));
        }
        Files.writeString(dir.resolve("gated.box"), """
                import "%s"
                scenario "gated" extends "Surprise updates" { agents llm count 50 { learner surprise } }
                """.formatted(CANON));
        Run r = sealedbox("check", dir.resolve("gated.box").toString());
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("ok"), r.out());
    }

    @Test
    void withoutTheJarTheLearnerIsUnknown() throws Exception {
        Run r = sealedbox("check", "surprise-updates-gated.box");
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("surprise"), r.out());
    }

    @Test
    void twoFoldersDefiningTheSameLearnerAreAClashThatNamesBoth(@TempDir Path copy) throws Exception {
        try (var jars = Files.list(FOLDER)) {
            for (Path jar : jars.toList()) Files.copy(jar, copy.resolve(jar.getFileName()));
        }
        Run r = sealedbox("check", "surprise-updates-gated.box", "--plugins", FOLDER.toString(), "--plugins", copy.toString());
        assertEquals(2, r.exit(), r.out());
        assertTrue(r.out().contains("learner `surprise` is defined twice"), r.out());
        assertTrue(r.out().contains(copy.getFileName().toString()) && r.out().contains("plugin/surprise-learner"), r.out());
    }
}
