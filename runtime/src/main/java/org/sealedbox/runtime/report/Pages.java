package org.sealedbox.runtime.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/** The HTML of the three pages: a run, a sweep, and a comparison of runs. Plots come from {@link SvgPlot}. */
final class Pages {
    private Pages() {}

    /** A plotted line and the tick of each of its points, so that an expectation judged at a tick can be placed on it. */
    private record Line(SvgPlot.Series series, long[] ticks) {
        /** The point an expectation is judged at (start, end, the last measurement at or before its tick), or -1. */
        int at(VerdictData v) {
            int n = ticks.length;
            if (n == 0) return -1;
            if ("start".equals(v.when())) return 0;
            if ("end".equals(v.when())) return v.holds() == null ? -1 : n - 1; // undecided: the end was never reached
            if (v.tick() == null || (v.holds() == null && ticks[n - 1] < v.tick())) return -1;
            int at = 0;
            for (int i = 0; i < n; i++) if (ticks[i] <= v.tick()) at = i;
            return at;
        }
    }

    // ------------------------------------------------------------------ a run

    static String run(RunData r) {
        Metrics m = r.metrics;
        StringBuilder b = new StringBuilder();
        b.append("<h1>").append(Html.esc(r.scenario())).append("</h1>\n<p class=\"sub\">").append(Html.esc(r.run.path("file").asText("")))
                .append(" · seed ").append(Html.esc(r.seed())).append(" · ").append(badge(r.status())).append("</p>\n");
        if (r.divergence() != null) {
            b.append("<div class=\"alert divergence\"><strong>The run diverged.</strong> ").append(Html.esc(r.divergence()))
                    .append("<br>Everything measured until then is shown below.</div>\n");
        } else if (r.status().equals("unfinished")) {
            b.append("<div class=\"alert\"><strong>This run has not finished</strong> (it has no run.json yet, or it was cut off). "
                    + "What it measured so far is shown below.</div>\n");
        }
        b.append("<table class=\"facts\">\n");
        fact(b, "status", badge(r.status()));
        fact(b, "seed", Html.esc(r.seed()));
        if (r.run.has("ticks_run")) {
            fact(b, "ticks run", Html.esc(r.run.path("ticks_run").asText()) + " of " + Html.esc(r.run.path("ticks").asText("?")));
        }
        if (!m.rows.isEmpty()) fact(b, "last measured", Html.esc(m.unit() + " " + Html.num(m.rows.get(m.rows.size() - 1).time())));
        if (r.run.has("wall_seconds")) fact(b, "wall time", Html.esc(Html.num(r.run.path("wall_seconds").asDouble())) + " s");
        JsonNode speed = r.run.get("agent_ticks_per_second");
        if (speed != null && speed.isNumber()) fact(b, "agent-ticks/s", Html.esc(String.format(java.util.Locale.ROOT, "%,.0f", speed.asDouble())));
        if (r.run.has("versions")) fact(b, "versions", versions(r.run.get("versions")));
        fact(b, "folder", "<code>" + Html.esc(r.dir.toAbsolutePath().normalize().toString()) + "</code>");
        b.append("</table>\n");

        b.append("<h2>The box opens</h2>\n");
        if (m.rows.isEmpty()) {
            b.append("<p>Nothing was measured.</p>\n");
        } else {
            Metrics.Row first = m.rows.get(0), last = m.rows.get(m.rows.size() - 1);
            b.append("<table class=\"opens\">\n<tr><th>measure</th><th>start</th><th>").append(Html.esc(m.unit() + " " + Html.num(last.time())))
                    .append("</th></tr>\n");
            for (int j = 0; j < m.measures.size(); j++) {
                b.append("<tr><td class=\"mono\">").append(Html.esc(m.measures.get(j))).append("</td>").append(Html.cell(first.values()[j]))
                        .append(Html.cell(last.values()[j])).append("</tr>\n");
            }
            b.append("</table>\n");
        }

        b.append("<h2>Expectations</h2>\n");
        if (r.verdicts.isEmpty()) {
            b.append("<p>The scenario has no <code>expect</code> lines.</p>\n");
        } else {
            b.append("<table class=\"verdicts\">\n<tr><th></th><th>where</th><th>expectation</th><th>values</th></tr>\n");
            for (VerdictData v : r.verdicts) {
                b.append("<tr><td>").append(Html.mark(v.holds())).append("</td><td class=\"mono where\">").append(v.whereHtml())
                        .append("</td><td class=\"mono\">").append(Html.esc(v.expect())).append("</td><td class=\"detail values\">")
                        .append(Html.esc(v.detail())).append("</td></tr>\n");
            }
            long held = r.verdicts.stream().filter(v -> Boolean.TRUE.equals(v.holds())).count();
            b.append("</table>\n<p>").append(held).append(" of ").append(r.verdicts.size()).append(" hold.</p>\n");
        }

        b.append("<h2>Measures over box time</h2>\n<div class=\"plots\">\n");
        String colour = SvgPlot.colour(0);
        long[] ticks = m.rows.stream().mapToLong(Metrics.Row::tick).toArray();
        double[] xs = m.rows.stream().mapToDouble(Metrics.Row::time).toArray();
        for (int j = 0; j < m.measures.size(); j++) {
            String key = m.measures.get(j);
            int col = j;
            Line line = new Line(new SvgPlot.Series(key, colour, xs, m.rows.stream().mapToDouble(row -> row.values()[col]).toArray()), ticks);
            SvgPlot plot = new SvgPlot(key, m.unit()).add(line.series());
            List<VerdictData> on = on(r.verdicts, key);
            mark(plot, on, variant -> line);
            figure(b, key, plot, caption(on, false));
        }
        b.append("</div>\n");
        scenario(b, r.scenarioText);
        return Html.page(r.scenario() + " — seed " + r.seed(), b.toString());
    }

    // ------------------------------------------------------------------ a sweep

    static String sweep(SweepData s) {
        Metrics m = s.metrics;
        StringBuilder b = new StringBuilder();
        String status = s.sweep.path("status").asText("unknown");
        b.append("<h1>").append(Html.esc(s.scenario())).append("</h1>\n<p class=\"sub\">").append(Html.esc(s.sweep.path("file").asText("")))
                .append(" · a sweep of ").append(s.variants.size()).append(s.variants.size() == 1 ? " variant" : " variants").append(" · ")
                .append(badge(status)).append("</p>\n");
        Map<String, Integer> byStatus = new LinkedHashMap<>();
        for (SweepData.Member mem : s.members) byStatus.merge(mem.status(), 1, Integer::sum);
        b.append("<table class=\"facts\">\n");
        fact(b, "status", badge(status));
        fact(b, "axes", s.axes.isEmpty() ? "none" : "<code>" + Html.esc(String.join(", ", s.axes)) + "</code>");
        JsonNode seeds = s.sweep.get("seeds");
        if (seeds != null && seeds.isArray() && seeds.size() == 2) fact(b, "seeds", Html.esc(seeds.get(0).asText() + " to " + seeds.get(1).asText()));
        List<String> counts = new ArrayList<>();
        byStatus.forEach((k, n) -> counts.add(n + " " + k));
        fact(b, "members", s.members.size() + (counts.isEmpty() ? "" : " (" + Html.esc(String.join(", ", counts)) + ")"));
        if (s.sweep.has("engine")) fact(b, "engine", Html.esc(s.sweep.get("engine").asText()));
        if (s.sweep.has("versions")) fact(b, "versions", versions(s.sweep.get("versions")));
        fact(b, "folder", "<code>" + Html.esc(s.dir.toAbsolutePath().normalize().toString()) + "</code>");
        b.append("</table>\n");

        Map<String, String> colours = new LinkedHashMap<>();
        for (int i = 0; i < s.variants.size(); i++) colours.put(s.variants.get(i), SvgPlot.colour(i));
        b.append("<h2>Variants</h2>\n").append(legend(colours, s::describe));

        b.append("<h2>Expectations</h2>\n");
        if (s.verdicts.isEmpty()) {
            b.append("<p>No verdicts were recorded.</p>\n");
        } else {
            Map<String, Map<String, VerdictData>> byExpect = new LinkedHashMap<>();
            Map<String, String> texts = new LinkedHashMap<>();
            for (VerdictData v : s.verdicts) {
                byExpect.computeIfAbsent(v.where(), k -> new LinkedHashMap<>()).put(v.variant() == null ? "" : v.variant(), v);
                texts.putIfAbsent(v.where(), v.expect());
            }
            List<String> columns = new ArrayList<>(s.variants);
            if (s.verdicts.stream().anyMatch(v -> v.variant() == null)) columns.add("");
            b.append("<table class=\"verdicts\">\n<tr><th>where</th><th>expectation</th>");
            for (String c : columns) b.append("<th>").append(c.isEmpty() ? "(all)" : Html.swatch(colours.get(c)) + Html.esc(c)).append("</th>");
            b.append("</tr>\n");
            byExpect.forEach((where, per) -> {
                b.append("<tr><td class=\"mono where\">").append(per.values().iterator().next().whereHtml()).append("</td><td class=\"mono\">").append(Html.esc(texts.get(where))).append("</td>");
                for (String c : columns) {
                    VerdictData v = per.get(c);
                    String detail = v == null || v.detail() == null ? "" : v.detail().replaceFirst("^\\[" + Pattern.quote(c) + "\\] ", "");
                    b.append("<td>").append(v == null ? "" : Html.mark(v.holds()) + " <span class=\"detail\">" + Html.esc(detail) + "</span>").append("</td>");
                }
                b.append("</tr>\n");
            });
            b.append("</table>\n");
        }

        b.append("<h2>Measures over box time</h2>\n<p>Each line is a variant's <strong>mean over its seeds</strong> at each measurement; "
                + "the shaded band around it spans the seeds' <strong>minimum to maximum</strong>.</p>\n");
        b.append(legend(colours, v -> null));
        Map<String, Aggregated> agg = aggregate(m);
        b.append("<div class=\"plots\">\n");
        for (int j = 0; j < m.measures.size(); j++) {
            String key = m.measures.get(j);
            SvgPlot plot = new SvgPlot(key, m.unit());
            Map<String, Line> lines = new LinkedHashMap<>();
            for (String variant : s.variants) {
                Aggregated a = agg.get(variant);
                if (a == null) continue;
                Line line = a.line(variant, colours.get(variant), j);
                lines.put(variant, line);
                plot.add(line.series());
            }
            List<VerdictData> on = on(s.verdicts, key);
            mark(plot, on, lines::get);
            figure(b, key, plot, "lines: mean over seeds; bands: min–max over seeds." + caption(on, true));
        }
        b.append("</div>\n");

        b.append("<h2>Members</h2>\n");
        if (s.members.isEmpty()) {
            b.append("<p>There is no members.csv.</p>\n");
        } else {
            b.append("<table class=\"members\">\n<tr><th>variant</th>");
            for (String a : s.axes) b.append("<th class=\"mono\">").append(Html.esc(a)).append("</th>");
            b.append("<th>seed</th><th>status</th><th>diagnosis</th><th>ticks run</th><th>wall s</th><th>worker</th></tr>\n");
            for (SweepData.Member mem : s.members) {
                boolean bad = !mem.status().equals("completed");
                b.append(bad ? "<tr class=\"bad\">" : "<tr>").append("<td>").append(Html.swatch(colours.get(mem.variant()))).append(Html.esc(mem.variant())).append("</td>");
                for (String a : s.axes) b.append("<td class=\"mono\">").append(Html.esc(mem.field(a))).append("</td>");
                b.append("<td class=\"num\">").append(Html.esc(mem.seed())).append("</td><td>").append(badge(mem.status())).append("</td><td class=\"detail\">")
                        .append(Html.esc(mem.field("diagnosis"))).append("</td><td class=\"num\">").append(Html.esc(mem.field("ticks_run")))
                        .append("</td><td class=\"num\">").append(Html.esc(mem.field("wall_seconds"))).append("</td><td>").append(Html.esc(mem.field("worker")))
                        .append("</td></tr>\n");
            }
            b.append("</table>\n");
        }
        scenario(b, s.scenarioText);
        return Html.page(s.scenario() + " — sweep", b.toString());
    }

    /** A variant's rows grouped by tick: the box time of each, and every seed's values there. */
    private static final class Aggregated {
        final TreeMap<Long, Double> time = new TreeMap<>();
        final TreeMap<Long, List<double[]>> values = new TreeMap<>();

        Line line(String variant, String colour, int measure) {
            int n = values.size();
            long[] ticks = new long[n];
            double[] xs = new double[n], mean = new double[n], lo = new double[n], hi = new double[n];
            int i = 0;
            for (var e : values.entrySet()) {
                ticks[i] = e.getKey();
                xs[i] = time.get(e.getKey());
                double sum = 0, min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
                int k = 0;
                for (double[] row : e.getValue()) {
                    double v = row[measure];
                    if (!Double.isFinite(v)) continue;
                    sum += v;
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                    k++;
                }
                mean[i] = k == 0 ? Double.NaN : sum / k;
                lo[i] = k == 0 ? Double.NaN : min;
                hi[i] = k == 0 ? Double.NaN : max;
                i++;
            }
            return new Line(new SvgPlot.Series(variant, colour, xs, mean, lo, hi), ticks);
        }
    }

    private static Map<String, Aggregated> aggregate(Metrics m) {
        Map<String, Aggregated> out = new LinkedHashMap<>();
        for (Metrics.Row r : m.rows) {
            Aggregated a = out.computeIfAbsent(r.labels().get(0), k -> new Aggregated());
            a.time.putIfAbsent(r.tick(), r.time());
            a.values.computeIfAbsent(r.tick(), k -> new ArrayList<>()).add(r.values());
        }
        return out;
    }

    // ------------------------------------------------------------------ runs compared

    static String compare(Comparison c) {
        StringBuilder b = new StringBuilder();
        int n = c.runs.size();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) names.add(Comparison.letter(i));
        b.append("<h1>").append(Html.esc(String.join(" vs ", c.labels))).append("</h1>\n<p class=\"sub\">")
                .append(n).append(" runs compared, measure by measure</p>\n");
        Map<String, String> colours = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) colours.put(c.labels.get(i), SvgPlot.colour(i));
        b.append("<table class=\"runs\">\n<tr><th></th><th>run</th><th>scenario</th><th>file</th><th>status</th><th>last measured</th></tr>\n");
        for (int i = 0; i < n; i++) {
            RunData r = c.runs.get(i);
            b.append("<tr><td><strong>").append(names.get(i)).append("</strong></td><td>").append(Html.swatch(SvgPlot.colour(i)))
                    .append(Html.esc(c.labels.get(i))).append("</td><td>").append(Html.esc(r.scenario())).append("</td><td class=\"mono\">")
                    .append(Html.esc(r.run.path("file").asText(""))).append("</td><td>").append(badge(r.status())).append("</td><td>")
                    .append(Html.esc(c.lastTime(i))).append("</td></tr>\n");
        }
        b.append("</table>\n");
        for (RunData r : c.runs) {
            if (r.divergence() != null) {
                b.append("<div class=\"alert divergence\"><strong>").append(Html.esc(r.label())).append(" diverged.</strong> ")
                        .append(Html.esc(r.divergence())).append("</div>\n");
            }
        }

        b.append("<h2>At the end</h2>\n<table class=\"ends\">\n<tr><th>measure (last measurement)</th>");
        for (String name : names) b.append("<th>").append(name).append("</th>");
        for (int i = 1; i < n; i++) b.append("<th>").append(Html.esc(c.differenceHeader(i))).append("</th>");
        b.append("</tr>\n");
        for (String m : c.common) {
            b.append("<tr><td class=\"mono\">").append(Html.esc(m)).append("</td>");
            for (int i = 0; i < n; i++) b.append(Html.cell(c.end(i, m)));
            for (int i = 1; i < n; i++) {
                double d = c.end(i, m) - c.end(0, m);
                b.append("<td class=\"num").append(Double.isFinite(d) ? "" : " nan").append("\">").append(Html.esc(Comparison.signed(d))).append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</table>\n");
        if (!c.partial.isEmpty()) {
            b.append("<p>Measured in only some of the runs (not plotted):</p>\n<ul class=\"partial\">\n");
            c.partial.forEach((m, in) -> b.append("<li><code>").append(Html.esc(m)).append("</code>: only in ").append(Html.esc(String.join(", ", in))).append("</li>\n"));
            b.append("</ul>\n");
        }

        // box time on x when every run counts it in the same unit, else ticks
        boolean sameUnit = c.runs.stream().map(r -> r.metrics.timeColumn).distinct().count() == 1;
        String unit = sameUnit ? c.runs.get(0).metrics.unit() : "tick";
        b.append("<h2>Measures over box time</h2>\n").append(legend(colours, k -> null)).append("<div class=\"plots\">\n");
        for (String key : c.common) {
            SvgPlot plot = new SvgPlot(key, unit);
            for (int i = 0; i < n; i++) {
                Metrics m = c.runs.get(i).metrics;
                int j = m.index(key);
                double[] xs = m.rows.stream().mapToDouble(r -> sameUnit ? r.time() : r.tick()).toArray();
                double[] ys = m.rows.stream().mapToDouble(r -> r.values()[j]).toArray();
                plot.add(new SvgPlot.Series(c.labels.get(i), SvgPlot.colour(i), xs, ys));
            }
            figure(b, key, plot, "");
        }
        b.append("</div>\n");
        return Html.page("compare: " + String.join(" vs ", c.labels), b.toString());
    }

    // ------------------------------------------------------------------ shared parts

    private static List<VerdictData> on(List<VerdictData> verdicts, String measure) {
        return verdicts.stream().filter(v -> measure.equals(v.measure())).toList();
    }

    /**
     * Marks expectations on a plot: a dashed line at a constant threshold; a point, filled by its verdict, where one
     * judged at start, end or a given time is judged (on the line of its variant); a strip along the top for one
     * judged over the whole run ({@code always}/{@code eventually}: one strip per expectation, failing if any variant fails).
     */
    private static void mark(SvgPlot plot, List<VerdictData> verdicts, Function<String, Line> lineOf) {
        Map<String, List<VerdictData>> wholeRun = new LinkedHashMap<>();
        for (VerdictData v : verdicts) {
            if (v.threshold() != null) plot.threshold(v.threshold(), "line " + v.line() + ": " + (v.op() == null ? "" : v.op() + " ") + Html.brief(v.threshold()));
            if ("always".equals(v.when()) || "eventually".equals(v.when())) {
                wholeRun.computeIfAbsent(v.where(), k -> new ArrayList<>()).add(v);
                continue;
            }
            Line line = lineOf.apply(v.variant());
            if (line == null) continue;
            int i = line.at(v);
            if (i < 0) continue;
            SvgPlot.Series s = line.series();
            plot.point(s.xs()[i], s.ys()[i], SvgPlot.State.of(v.holds()), s.colour(),
                    symbol(v.holds()) + " " + (v.variant() == null ? "" : "[" + v.variant() + "] ") + "line " + v.line() + ": " + v.expect()
                            + (v.detail() == null ? "" : " — " + v.detail()));
        }
        wholeRun.forEach((where, vs) -> {
            Boolean holds = Boolean.TRUE;
            for (VerdictData v : vs) {
                if (Boolean.FALSE.equals(v.holds())) holds = Boolean.FALSE;
                else if (v.holds() == null && holds != Boolean.FALSE) holds = null;
            }
            VerdictData first = vs.get(0);
            String text = first.expect() == null ? "" : first.expect().replaceFirst("^expect\\s+", "");
            plot.strip(SvgPlot.State.of(holds), symbol(holds) + " line " + first.line() + ": " + text);
        });
    }

    /** The expectations on a plot, as a list under it. */
    private static String caption(List<VerdictData> verdicts, boolean sweep) {
        if (verdicts.isEmpty()) return "";
        Map<String, List<VerdictData>> byWhere = new LinkedHashMap<>();
        for (VerdictData v : verdicts) byWhere.computeIfAbsent(v.where(), k -> new ArrayList<>()).add(v);
        StringBuilder b = new StringBuilder("<ul>");
        byWhere.forEach((where, vs) -> {
            VerdictData first = vs.get(0);
            b.append("<li>");
            if (!sweep) b.append(Html.mark(first.holds())).append(' ');
            b.append("<code>").append(Html.esc(first.expect())).append("</code>");
            if (sweep) {
                for (VerdictData v : vs) b.append(" · ").append(Html.esc(v.variant() == null ? "(all)" : v.variant())).append(' ').append(Html.mark(v.holds()));
            } else if (first.detail() != null) {
                b.append(" <span class=\"detail\">(").append(Html.esc(first.detail())).append(")</span>");
            }
            b.append("</li>");
        });
        return b.append("</ul>").toString();
    }

    private static String symbol(Boolean holds) {
        return holds == null ? "?" : holds ? "✓" : "✗";
    }

    private static void figure(StringBuilder b, String key, SvgPlot plot, String caption) {
        b.append("<figure>\n<h3>").append(Html.esc(key)).append("</h3>\n").append(plot.render()).append('\n');
        if (!caption.isEmpty()) b.append("<figcaption>").append(caption).append("</figcaption>\n");
        b.append("</figure>\n");
    }

    private static String legend(Map<String, String> colours, Function<String, String> describe) {
        StringBuilder b = new StringBuilder("<div class=\"legend\">");
        colours.forEach((name, colour) -> {
            String d = describe.apply(name);
            b.append("<span class=\"entry\">").append(Html.swatch(colour)).append(Html.esc(name));
            if (d != null && !d.equals(name)) b.append(" <span class=\"detail\">(").append(Html.esc(d)).append(")</span>");
            b.append("</span>");
        });
        return b.append("</div>\n").toString();
    }

    private static void fact(StringBuilder b, String name, String html) {
        b.append("<tr><th>").append(Html.esc(name)).append("</th><td>").append(html).append("</td></tr>\n");
    }

    private static String badge(String status) {
        String css = switch (status) {
            case "completed", "diverged", "failed" -> status;
            default -> "other";
        };
        return "<span class=\"badge " + css + "\">" + Html.esc(status) + "</span>";
    }

    private static String versions(JsonNode v) {
        List<String> parts = new ArrayList<>();
        v.fields().forEachRemaining(e -> parts.add(e.getKey() + " " + e.getValue().asText()));
        return "<span class=\"detail\">" + Html.esc(String.join(" · ", parts)) + "</span>";
    }

    private static void scenario(StringBuilder b, String text) {
        if (text == null) return;
        b.append("<h2>The scenario as run</h2>\n<pre class=\"scenario\">").append(Html.esc(text)).append("</pre>\n");
    }
}
