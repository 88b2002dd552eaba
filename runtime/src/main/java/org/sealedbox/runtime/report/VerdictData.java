package org.sealedbox.runtime.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One entry of a {@code verdicts.json}, as {@code Verdicts.toJson} writes it. Folders written before verdicts carried
 * {@code measure}/{@code when}/{@code threshold} still read: those entries are listed but not drawn on a plot.
 *
 * @param variant  the sweep's variant label, or null in a run
 * @param when     "start", "end", "always", "eventually", or null; {@code tick} is set instead for "at year N"
 * @param tick     the tick an expectation is judged at ({@code at year N}), or null
 */
record VerdictData(String variant, String file, int line, String expect, String status, String detail, String measure,
                   String when, Long tick, String op, Double threshold, Boolean holds) {

    String where() {
        return (file == null ? "" : file + ":") + line;
    }

    /** {@code where} as a table shows it: the file's own name (the whole path in its tooltip) and the line. */
    String whereHtml() {
        if (file == null) return Html.esc(String.valueOf(line));
        String name = file.substring(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
        return "<span title=\"" + Html.esc(where()) + "\">" + Html.esc(name + ":" + line) + "</span>";
    }

    static List<VerdictData> read(Path file) {
        List<VerdictData> out = new ArrayList<>();
        if (!Files.isRegularFile(file)) return out;
        JsonNode list = RunData.json(file);
        if (!list.isArray()) throw new ReportException(file + " should hold a list of verdicts");
        for (JsonNode v : list) {
            String status = text(v, "status");
            JsonNode holdsNode = v.get("holds");
            Boolean holds = holdsNode != null && holdsNode.isBoolean() ? Boolean.valueOf(holdsNode.asBoolean())
                    : "holds".equals(status) ? Boolean.TRUE : "fails".equals(status) ? Boolean.FALSE : null;
            JsonNode w = v.get("when");
            String when = w == null || w.isNull() ? null : w.isNumber() ? null : w.asText();
            Long tick = w != null && w.isNumber() ? w.asLong() : null;
            JsonNode t = v.get("threshold");
            Double threshold = t != null && t.isNumber() ? t.asDouble() : null;
            out.add(new VerdictData(text(v, "variant"), text(v, "file"), v.path("line").asInt(0), text(v, "expect"), status,
                    text(v, "detail"), text(v, "measure"), when, tick, text(v, "op"), threshold, holds));
        }
        return out;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
