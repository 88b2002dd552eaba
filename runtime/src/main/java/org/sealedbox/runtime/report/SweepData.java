package org.sealedbox.runtime.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A sweep folder as read back from its files: {@code sweep.json} (scenario, file, axes, seeds, status, engine,
 * versions), {@code members.csv} (a row per variant and seed: {@code variant,<axes…>,seed,status,diagnosis,ticks_run,
 * wall_seconds,started,finished,worker}), {@code metrics.csv} (one long table: {@code variant,<axes…>,seed,tick,<time>,
 * <measures…>}) and {@code verdicts.json} (verdicts with a {@code variant}).
 */
final class SweepData {
    /** A member: one variant at one seed; {@code fields} holds every column of its row by name. */
    record Member(String variant, String seed, String status, Map<String, String> fields) {
        String field(String name) {
            return fields.getOrDefault(name, "");
        }
    }

    final Path dir;
    final JsonNode sweep;
    /** The axes' names, as the members' columns name them. */
    final List<String> axes;
    /** Variants in the order they first appear (members.csv, then metrics.csv, then verdicts.json). */
    final List<String> variants;
    /** Each variant's value on each axis. */
    final Map<String, Map<String, String>> axisValues;
    final List<Member> members;
    final Metrics metrics;
    final List<VerdictData> verdicts;
    final String scenarioText;

    private SweepData(Path dir, JsonNode sweep, List<String> axes, List<String> variants, Map<String, Map<String, String>> axisValues,
                      List<Member> members, Metrics metrics, List<VerdictData> verdicts, String scenarioText) {
        this.dir = dir;
        this.sweep = sweep;
        this.axes = axes;
        this.variants = variants;
        this.axisValues = axisValues;
        this.members = members;
        this.metrics = metrics;
        this.verdicts = verdicts;
        this.scenarioText = scenarioText;
    }

    static boolean isSweep(Path dir) {
        return Files.isRegularFile(dir.resolve("sweep.json"));
    }

    static SweepData read(Path dir) {
        JsonNode sweep = RunData.json(dir.resolve("sweep.json"));
        Metrics metrics = Metrics.read(dir.resolve("metrics.csv"), true);
        List<String> axes = new ArrayList<>();
        // metrics.csv: variant, the axes, seed, tick, …
        List<String> labels = metrics.labelColumns;
        if (labels.size() >= 2) axes.addAll(labels.subList(1, labels.size() - 1));
        Set<String> variants = new LinkedHashSet<>();
        Map<String, Map<String, String>> values = new LinkedHashMap<>();
        List<Member> members = new ArrayList<>();
        Path file = dir.resolve("members.csv");
        if (Files.isRegularFile(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                    CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).build().parse(in)) {
                List<String> header = csv.getHeaderNames();
                int seed = header.indexOf("seed");
                if (!header.contains("variant") || seed < 0) {
                    throw new ReportException(file + " should start with the columns variant, the axes, seed; its header is " + String.join(",", header));
                }
                if (axes.isEmpty()) axes.addAll(header.subList(1, seed));
                for (CSVRecord r : csv) {
                    Map<String, String> fields = new LinkedHashMap<>();
                    for (int i = 0; i < header.size() && i < r.size(); i++) fields.put(header.get(i), r.get(i));
                    Member m = new Member(fields.getOrDefault("variant", ""), fields.getOrDefault("seed", ""),
                            fields.getOrDefault("status", ""), fields);
                    members.add(m);
                    variants.add(m.variant);
                    Map<String, String> v = values.computeIfAbsent(m.variant, k -> new LinkedHashMap<>());
                    for (int i = 1; i < seed && i < r.size(); i++) v.putIfAbsent(header.get(i), r.get(i));
                }
            } catch (IOException | RuntimeException e) {
                if (e instanceof ReportException re) throw re;
                throw new ReportException("cannot read " + file + ": " + e.getMessage());
            }
        }
        for (Metrics.Row r : metrics.rows) {
            String variant = r.labels().get(0);
            variants.add(variant);
            Map<String, String> v = values.computeIfAbsent(variant, k -> new LinkedHashMap<>());
            for (int i = 1; i < r.labels().size() - 1; i++) v.putIfAbsent(labels.get(i), r.labels().get(i));
        }
        List<VerdictData> verdicts = VerdictData.read(dir.resolve("verdicts.json"));
        for (VerdictData v : verdicts) if (v.variant() != null) variants.add(v.variant());
        String text = null;
        try {
            if (Files.isRegularFile(dir.resolve("scenario.box"))) text = Files.readString(dir.resolve("scenario.box"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ReportException("cannot read " + dir.resolve("scenario.box") + ": " + e.getMessage());
        }
        return new SweepData(dir, sweep, List.copyOf(axes), List.copyOf(variants), values, List.copyOf(members), metrics, verdicts, text);
    }

    String scenario() {
        return sweep.path("scenario").asText(dir.getFileName().toString());
    }

    /** "world.caught = 0.1, learner.lr = 0.05", or the variant's label when its axis values are unknown. */
    String describe(String variant) {
        Map<String, String> v = axisValues.get(variant);
        if (v == null || v.isEmpty()) return variant;
        List<String> parts = new ArrayList<>();
        v.forEach((k, x) -> parts.add(k + " = " + x));
        return String.join(", ", parts);
    }
}
