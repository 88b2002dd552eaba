package org.sealedbox.runtime.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Two or more run folders side by side: the measures they all have (plotted together), each measure's value at each
 * run's last measurement and its difference from the first run's, and the measures only some of them have.
 */
public final class Comparison {
    final List<RunData> runs;
    /** Runs are called A, B, C, … in tables; these are their full names (folder and seed). */
    final List<String> labels;
    /** The measures every run has, in the first run's order. */
    final List<String> common;
    /** A measure some runs lack → the letters of the runs that have it. */
    final Map<String, List<String>> partial;

    private Comparison(List<RunData> runs) {
        this.runs = runs;
        this.labels = labels(runs);
        List<String> common = new ArrayList<>(runs.get(0).metrics.measures);
        for (RunData r : runs) common.retainAll(r.metrics.measures);
        this.common = List.copyOf(common);
        Map<String, List<String>> partial = new LinkedHashMap<>();
        for (int i = 0; i < runs.size(); i++) {
            for (String m : runs.get(i).metrics.measures) {
                if (!common.contains(m)) partial.computeIfAbsent(m, k -> new ArrayList<>()).add(letter(i));
            }
        }
        this.partial = partial;
    }

    /** Reads the run folders; a folder that is not a run is a {@link ReportException}. */
    public static Comparison read(List<Path> dirs) {
        if (dirs.size() < 2) throw new ReportException("a comparison needs two run folders or more");
        List<RunData> runs = new ArrayList<>();
        for (Path d : dirs) {
            if (SweepData.isSweep(d)) throw new ReportException(d + " is a sweep folder; compare takes run folders (`sealedbox report` shows a sweep)");
            if (!RunData.isRun(d)) throw new ReportException(d + " is not a run folder: it has no run.json");
            runs.add(RunData.read(d));
        }
        return new Comparison(runs);
    }

    static String letter(int i) {
        return i < 26 ? String.valueOf((char) ('A' + i)) : "R" + (i + 1);
    }

    /** Each run's folder name and seed; where two would read the same, the folder above is named too. */
    private static List<String> labels(List<RunData> runs) {
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        boolean clash = false;
        for (RunData r : runs) clash |= !seen.add(r.label());
        for (RunData r : runs) {
            Path dir = r.dir.toAbsolutePath().normalize();
            out.add(clash && dir.getParent() != null ? dir.getParent().getFileName() + "/" + r.label() : r.label());
        }
        return List.copyOf(out);
    }

    /** The value at the run's last measurement (NaN if the run has not got it, or measured nothing). */
    double end(int run, String measure) {
        Metrics m = runs.get(run).metrics;
        int j = m.index(measure);
        return j < 0 || m.rows.isEmpty() ? Double.NaN : m.rows.get(m.rows.size() - 1).values()[j];
    }

    /** "year 60": when the run's last measurement was taken. */
    String lastTime(int run) {
        Metrics m = runs.get(run).metrics;
        return m.rows.isEmpty() ? "nothing measured" : m.unit() + " " + Html.num(m.rows.get(m.rows.size() - 1).time());
    }

    /** The header of the difference column for run i (i ≥ 1). */
    String differenceHeader(int i) {
        return letter(i) + " − " + letter(0);
    }

    /** The end values as a plain-text table, for a terminal. */
    public String table() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < runs.size(); i++) {
            b.append(String.format(Locale.ROOT, "  %s  %s — %s, %s, last measured at %s%n", letter(i), labels.get(i), runs.get(i).scenario(),
                    runs.get(i).status(), lastTime(i)));
        }
        int w = Math.max(16, common.stream().mapToInt(String::length).max().orElse(0) + 2);
        b.append(String.format(Locale.ROOT, "%n  %-" + w + "s", "measure at end"));
        for (int i = 0; i < runs.size(); i++) b.append(String.format(Locale.ROOT, " %12s", letter(i)));
        for (int i = 1; i < runs.size(); i++) b.append(String.format(Locale.ROOT, " %12s", differenceHeader(i)));
        b.append('\n');
        for (String m : common) {
            b.append(String.format(Locale.ROOT, "  %-" + w + "s", m));
            for (int i = 0; i < runs.size(); i++) b.append(String.format(Locale.ROOT, " %12s", Html.num(end(i, m))));
            for (int i = 1; i < runs.size(); i++) b.append(String.format(Locale.ROOT, " %12s", signed(end(i, m) - end(0, m))));
            b.append('\n');
        }
        partial.forEach((m, in) -> b.append(String.format(Locale.ROOT, "  %-" + w + "s only in %s%n", m, String.join(", ", in))));
        return b.toString();
    }

    static String signed(double d) {
        return (d > 0 ? "+" : "") + Html.num(d);
    }
}
