package org.sealedbox.runtime.report;

import java.util.Locale;

/** Escaping, number formatting, and the page around a report's body: one self-contained file, its style inline. */
final class Html {
    private Html() {}

    static String esc(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** A measured number for people: four significant figures, whole numbers as they are, NaN as NaN. */
    static String num(double v) {
        if (Double.isNaN(v)) return "NaN";
        if (Double.isInfinite(v)) return v > 0 ? "∞" : "−∞";
        if (v == Math.rint(v) && Math.abs(v) < 1e9) return String.valueOf((long) v);
        double a = Math.abs(v);
        if (a >= 1e5 || a < 1e-3) return String.format(Locale.ROOT, "%.3e", v);
        return String.format(Locale.ROOT, "%.4g", v);
    }

    /** A number as written in a scenario: up to six significant figures, no trailing zeros (0.3, not 0.3000). */
    static String brief(double v) {
        if (!Double.isFinite(v)) return num(v);
        if (v == Math.rint(v) && Math.abs(v) < 1e9) return String.valueOf((long) v);
        String s = new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
        return s.length() > 12 ? String.format(Locale.ROOT, "%.4g", v) : s;
    }

    /** A number in a table cell (right-aligned, a NaN greyed). */
    static String cell(double v) {
        return "<td class=\"num" + (Double.isFinite(v) ? "" : " nan") + "\">" + esc(num(v)) + "</td>";
    }

    static String mark(Boolean holds) {
        return holds == null ? "<span class=\"mark undecided\" title=\"undecided\">?</span>"
                : holds ? "<span class=\"mark holds\" title=\"holds\">✓</span>" : "<span class=\"mark fails\" title=\"fails\">✗</span>";
    }

    static String swatch(String colour) {
        return "<span class=\"swatch\" style=\"background:" + colour + "\"></span>";
    }

    static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<link rel=\"icon\" href=\"data:,\">\n"
                + "<title>" + esc(title) + "</title>\n<style>\n" + STYLE + "</style>\n</head>\n<body>\n<main>\n" + body
                + "<footer>written by sealedbox from the files in this folder; <code>sealedbox report</code> writes it again.</footer>\n"
                + "</main>\n</body>\n</html>\n";
    }

    private static final String STYLE = """
            body { margin: 0; background: #f6f7f9; color: #202124; font: 15px/1.5 "DejaVu Sans", "Segoe UI", system-ui, sans-serif; }
            main { max-width: 1360px; margin: 0 auto; padding: 28px 36px 40px; }
            h1 { font-size: 26px; margin: 0 0 4px; }
            h2 { font-size: 19px; margin: 34px 0 12px; padding-bottom: 4px; border-bottom: 1px solid #dadce0; }
            h3 { font-size: 15px; margin: 0 0 6px; font-family: "DejaVu Sans Mono", monospace; font-weight: 600; }
            .sub { color: #5f6368; margin: 0 0 14px; }
            code, pre, .mono { font-family: "DejaVu Sans Mono", monospace; font-size: 13px; }
            .badge { display: inline-block; padding: 1px 10px; border-radius: 10px; font-size: 13px; font-weight: 600; }
            .badge.completed { background: #e6f4ea; color: #137333; }
            .badge.diverged, .badge.failed { background: #fce8e6; color: #b3261e; }
            .badge.other { background: #fef7e0; color: #8a5a00; }
            .alert { margin: 16px 0; padding: 14px 18px; border-left: 6px solid #d93025; background: #fce8e6; border-radius: 4px; }
            .alert strong { color: #b3261e; }
            table { border-collapse: collapse; background: #fff; border: 1px solid #dadce0; }
            th, td { padding: 5px 12px; border-bottom: 1px solid #eceff1; text-align: left; vertical-align: top; }
            th { background: #f1f3f4; font-weight: 600; font-size: 13px; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; font-family: "DejaVu Sans Mono", monospace; font-size: 13px; }
            td.nan { color: #9aa0a6; }
            tr.bad td { background: #fdf3f2; }
            table.facts th { background: none; width: 12em; }
            table.members td, table.members th, table.verdicts th, table.runs td { white-space: nowrap; }
            table.members td.detail { white-space: normal; }
            td.where, td.values { white-space: nowrap; }
            .mark { font-weight: 700; font-size: 16px; }
            .mark.holds, .holds { color: #1e8e3e; } .mark.fails, .fails { color: #d93025; } .mark.undecided, .undecided { color: #80868b; }
            .detail { color: #5f6368; font-size: 13px; }
            .legend { display: flex; flex-wrap: wrap; gap: 6px 22px; margin: 0 0 14px; }
            .swatch { display: inline-block; width: 22px; height: 10px; border-radius: 3px; margin-right: 6px; vertical-align: middle; }
            .plots { display: grid; grid-template-columns: repeat(auto-fill, minmax(540px, 1fr)); gap: 20px; }
            figure { margin: 0; padding: 12px 14px 10px; background: #fff; border: 1px solid #dadce0; border-radius: 8px; }
            figcaption { font-size: 13px; color: #5f6368; margin-top: 4px; }
            figcaption ul { margin: 4px 0 0; padding-left: 18px; }
            svg.plot { display: block; width: 100%; height: auto; }
            svg.plot text { font-size: 12px; fill: #3c4043; }
            svg.plot text.label { font-size: 13px; fill: #202124; }
            svg.plot text.note { font-size: 11px; paint-order: stroke; stroke: #fff; stroke-width: 3px; stroke-linejoin: round; }
            svg.plot .area { fill: #fff; }
            svg.plot .grid { stroke: #e8eaed; stroke-width: 1; }
            svg.plot .frame { stroke: #5f6368; stroke-width: 1.2; }
            svg.plot .threshold line { stroke: #3c4043; stroke-width: 1.4; }
            pre { background: #fff; border: 1px solid #dadce0; border-radius: 6px; padding: 14px 16px; overflow: auto; line-height: 1.45; }
            footer { margin-top: 36px; color: #80868b; font-size: 12px; }
            """;
}
