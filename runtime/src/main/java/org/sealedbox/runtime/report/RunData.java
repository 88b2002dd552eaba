package org.sealedbox.runtime.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A run folder as read back from its files: {@code run.json}, {@code metrics.csv}, {@code verdicts.json},
 * {@code scenario.box}. A folder without {@code run.json} but with metrics and the scenario is a run still under way
 * (or cut off): it is read too, its status "unfinished".
 */
final class RunData {
    private static final ObjectMapper JSON = new ObjectMapper();

    final Path dir;
    final JsonNode run;
    final String scenarioText;
    final Metrics metrics;
    final List<VerdictData> verdicts;

    private RunData(Path dir, JsonNode run, String scenarioText, Metrics metrics, List<VerdictData> verdicts) {
        this.dir = dir;
        this.run = run;
        this.scenarioText = scenarioText;
        this.metrics = metrics;
        this.verdicts = verdicts;
    }

    static boolean isRun(Path dir) {
        return Files.isRegularFile(dir.resolve("run.json"))
                || Files.isRegularFile(dir.resolve("metrics.csv")) && Files.isRegularFile(dir.resolve("scenario.box"));
    }

    static RunData read(Path dir) {
        if (!isRun(dir)) throw new ReportException(dir + " is not a run folder: it has no run.json");
        JsonNode run = Files.isRegularFile(dir.resolve("run.json")) ? json(dir.resolve("run.json")) : unfinished(dir);
        String text = null;
        try {
            if (Files.isRegularFile(dir.resolve("scenario.box"))) text = Files.readString(dir.resolve("scenario.box"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ReportException("cannot read " + dir.resolve("scenario.box") + ": " + e.getMessage());
        }
        return new RunData(dir, run, text, Metrics.read(dir.resolve("metrics.csv"), false), VerdictData.read(dir.resolve("verdicts.json")));
    }

    /** What a run under way can say about itself: its resolved parameters are written when it starts. */
    private static JsonNode unfinished(Path dir) {
        var node = JsonNodeFactory.instance.objectNode();
        Path resolved = dir.resolve("resolved.json");
        if (Files.isRegularFile(resolved)) {
            JsonNode r = json(resolved);
            node.set("scenario", r.get("scenario"));
            node.set("file", r.get("file"));
            node.set("seed", r.path("box").get("seed"));
            node.set("ticks", r.path("box").get("ticks"));
        }
        node.put("status", "unfinished");
        return node;
    }

    String scenario() {
        return run.path("scenario").asText(dir.getFileName().toString());
    }

    String status() {
        return run.path("status").asText("unknown");
    }

    String seed() {
        return run.path("seed").asText("?");
    }

    /** The divergence message of a run that diverged, else null. */
    String divergence() {
        JsonNode d = run.get("divergence");
        return d == null || d.isNull() ? null : d.asText();
    }

    /** How a run is named beside others: its folder's name and its seed. */
    String label() {
        return dir.toAbsolutePath().normalize().getFileName() + " (seed " + seed() + ")";
    }

    static JsonNode json(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new ReportException("cannot read " + file + ": " + firstLine(e.getMessage()));
        }
    }

    static String firstLine(String s) {
        if (s == null) return "unreadable";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
