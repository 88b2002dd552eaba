package org.sealedbox.runtime.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One plot of a measure over box time, drawn as an SVG element in Java: axes with 1-2-5 ticks, a line per series
 * (NaN and infinite values leave gaps), an optional band per series (a spread, drawn translucent under its line), and
 * markers for expectations: a dashed threshold line, a point at the time an expectation is judged, and a strip along
 * the top for one judged over the whole run ({@code always}, {@code eventually}).
 *
 * <p>Tests find its parts by class: {@code svg.plot[data-measure]}, {@code path.series[data-variant]},
 * {@code path.band}, {@code .threshold}, {@code .verdict}.
 */
final class SvgPlot {
    static final int WIDTH = 640, HEIGHT = 340;
    private static final int LEFT = 72, RIGHT = 20, BOTTOM = 48, TOP = 14, STRIP = 14;
    /** Tableau's ten colours: distinct, and readable on white. */
    private static final String[] PALETTE = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
            "#ff9da7", "#9c755f", "#bab0ac"};
    /** Above this many points a series is drawn as a line only, without a dot (and tooltip) per point. */
    private static final int MAX_DOTS = 160;

    enum State {
        HOLDS("holds", "#1e8e3e"), FAILS("fails", "#d93025"), UNDECIDED("undecided", "#80868b");

        final String css, colour;

        State(String css, String colour) {
            this.css = css;
            this.colour = colour;
        }

        static State of(Boolean holds) {
            return holds == null ? UNDECIDED : holds ? HOLDS : FAILS;
        }
    }

    /** A line: y against x; {@code lo}/{@code hi} (both or neither) a band around it. */
    record Series(String name, String colour, double[] xs, double[] ys, double[] lo, double[] hi) {
        Series(String name, String colour, double[] xs, double[] ys) {
            this(name, colour, xs, ys, null, null);
        }
    }

    private record Threshold(double y, String label) {}

    private record Point(double x, double y, State state, String stroke, String label) {}

    private record Strip(State state, String label) {}

    static String colour(int i) {
        return PALETTE[Math.floorMod(i, PALETTE.length)];
    }

    private final String measure, xLabel, xUnit;
    private final List<Series> series = new ArrayList<>();
    private final List<Threshold> thresholds = new ArrayList<>();
    private final List<Point> points = new ArrayList<>();
    private final List<Strip> strips = new ArrayList<>();
    private final Set<String> thresholdKeys = new LinkedHashSet<>();

    /**
     * @param measure the measure's key (the y axis's label)
     * @param xUnit   the unit of box time, singular ({@code year}); the x axis reads "box time (years)"
     */
    SvgPlot(String measure, String xUnit) {
        this.measure = measure;
        this.xUnit = xUnit;
        this.xLabel = "box time (" + xUnit + "s)";
    }

    SvgPlot add(Series s) {
        series.add(s);
        return this;
    }

    /** A dashed horizontal line at y; the same value and label twice is drawn once. */
    SvgPlot threshold(double y, String label) {
        if (Double.isFinite(y) && thresholdKeys.add(y + "\u0000" + label)) thresholds.add(new Threshold(y, label));
        return this;
    }

    /** A marker at (x, y), filled by its state; a NaN y puts it on the x axis. */
    SvgPlot point(double x, double y, State state, String stroke, String label) {
        if (Double.isFinite(x)) points.add(new Point(x, y, state, stroke, label));
        return this;
    }

    /** A strip along the top of the plot: an expectation judged over the whole run. */
    SvgPlot strip(State state, String label) {
        strips.add(new Strip(state, label));
        return this;
    }

    String render() {
        double[] xr = range(true), yr = range(false);
        Axis x = Axis.of(xr[0], xr[1], 8), y = Axis.of(yr[0], yr[1], 6);
        int top = TOP + strips.size() * STRIP;
        double px0 = LEFT, px1 = WIDTH - RIGHT, py0 = HEIGHT - BOTTOM, py1 = top;
        Scale sx = new Scale(x.lo, x.hi, px0, px1), sy = new Scale(y.lo, y.hi, py0, py1);
        StringBuilder b = new StringBuilder();
        b.append("<svg class=\"plot\" data-measure=\"").append(Html.esc(measure)).append("\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
                .append(WIDTH).append(' ').append(HEIGHT).append("\" role=\"img\">\n");
        b.append("<title>").append(Html.esc(measure)).append(" over ").append(Html.esc(xLabel)).append("</title>\n");
        b.append("<rect class=\"area\" x=\"").append(n(px0)).append("\" y=\"").append(n(py1)).append("\" width=\"").append(n(px1 - px0))
                .append("\" height=\"").append(n(py0 - py1)).append("\"/>\n");
        // grid and ticks
        b.append("<g class=\"axis x\">\n");
        for (double t : x.ticks) {
            double p = sx.map(t);
            b.append("<line class=\"grid\" x1=\"").append(n(p)).append("\" x2=\"").append(n(p)).append("\" y1=\"").append(n(py1))
                    .append("\" y2=\"").append(n(py0)).append("\"/>");
            b.append("<text x=\"").append(n(p)).append("\" y=\"").append(n(py0 + 17)).append("\" text-anchor=\"middle\">")
                    .append(x.label(t)).append("</text>\n");
        }
        b.append("<text class=\"label\" x=\"").append(n((px0 + px1) / 2)).append("\" y=\"").append(HEIGHT - 8)
                .append("\" text-anchor=\"middle\">").append(Html.esc(xLabel)).append("</text>\n</g>\n");
        b.append("<g class=\"axis y\">\n");
        for (double t : y.ticks) {
            double p = sy.map(t);
            b.append("<line class=\"grid\" x1=\"").append(n(px0)).append("\" x2=\"").append(n(px1)).append("\" y1=\"").append(n(p))
                    .append("\" y2=\"").append(n(p)).append("\"/>");
            b.append("<text x=\"").append(n(px0 - 7)).append("\" y=\"").append(n(p + 4)).append("\" text-anchor=\"end\">")
                    .append(y.label(t)).append("</text>\n");
        }
        double mid = (py0 + py1) / 2;
        b.append("<text class=\"label\" transform=\"translate(16 ").append(n(mid)).append(") rotate(-90)\" text-anchor=\"middle\">")
                .append(Html.esc(measure)).append("</text>\n</g>\n");
        b.append("<line class=\"frame\" x1=\"").append(n(px0)).append("\" x2=\"").append(n(px0)).append("\" y1=\"").append(n(py1))
                .append("\" y2=\"").append(n(py0)).append("\"/><line class=\"frame\" x1=\"").append(n(px0)).append("\" x2=\"").append(n(px1))
                .append("\" y1=\"").append(n(py0)).append("\" y2=\"").append(n(py0)).append("\"/>\n");
        // whole-run expectations: strips along the top
        for (int i = 0; i < strips.size(); i++) {
            Strip s = strips.get(i);
            double sy0 = TOP + i * STRIP;
            b.append("<g class=\"verdict strip ").append(s.state.css).append("\"><title>").append(Html.esc(s.label)).append("</title>")
                    .append("<rect x=\"").append(n(px0)).append("\" y=\"").append(n(sy0 + 1)).append("\" width=\"").append(n(px1 - px0))
                    .append("\" height=\"").append(STRIP - 3).append("\" fill=\"").append(s.state.colour).append("\" fill-opacity=\"0.18\"/>")
                    .append("<text class=\"note\" x=\"").append(n(px0 + 6)).append("\" y=\"").append(n(sy0 + STRIP - 4)).append("\">")
                    .append(Html.esc(s.label)).append("</text></g>\n");
        }
        // bands under every line, then the lines, then the dots
        for (Series s : series) {
            if (s.lo == null || s.hi == null) continue;
            String d = band(s, sx, sy);
            if (!d.isEmpty()) {
                b.append("<path class=\"band\" data-variant=\"").append(Html.esc(s.name)).append("\" d=\"").append(d)
                        .append("\" fill=\"").append(s.colour).append("\" fill-opacity=\"0.18\" stroke=\"none\"/>\n");
            }
        }
        for (Series s : series) {
            b.append("<path class=\"series\" data-variant=\"").append(Html.esc(s.name)).append("\" d=\"").append(line(s, sx, sy))
                    .append("\" fill=\"none\" stroke=\"").append(s.colour).append("\" stroke-width=\"2.5\" stroke-linejoin=\"round\" stroke-linecap=\"round\">")
                    .append("<title>").append(Html.esc(s.name)).append("</title></path>\n");
        }
        for (Series s : series) dots(b, s, sx, sy);
        // thresholds: inside the y range a dashed line; outside it a note at the edge it lies beyond
        for (Threshold t : thresholds) {
            if (y.contains(t.y)) {
                double p = sy.map(t.y);
                b.append("<g class=\"threshold\"><title>").append(Html.esc(t.label)).append("</title><line x1=\"").append(n(px0))
                        .append("\" x2=\"").append(n(px1)).append("\" y1=\"").append(n(p)).append("\" y2=\"").append(n(p))
                        .append("\" stroke-dasharray=\"6 4\"/><text class=\"note\" x=\"").append(n(px1 - 4)).append("\" y=\"")
                        .append(n(p < py1 + 14 ? p + 13 : p - 5)).append("\" text-anchor=\"end\">").append(Html.esc(t.label)).append("</text></g>\n");
            } else {
                boolean above = t.y > y.hi;
                b.append("<g class=\"threshold outside\"><title>").append(Html.esc(t.label)).append("</title><text class=\"note\" x=\"")
                        .append(n(px1 - 4)).append("\" y=\"").append(n(above ? py1 + 13 : py0 - 6)).append("\" text-anchor=\"end\">")
                        .append(above ? "\u2191 " : "\u2193 ").append(Html.esc(t.label)).append(above ? " (above the plot)" : " (below the plot)")
                        .append("</text></g>\n");
            }
        }
        for (Point pt : points) {
            if (!x.contains(pt.x)) continue;
            double px = sx.map(pt.x);
            boolean onAxis = !Double.isFinite(pt.y) || !y.contains(pt.y);
            double py = onAxis ? py0 : sy.map(pt.y);
            b.append("<g class=\"verdict point ").append(pt.state.css).append("\"><title>").append(Html.esc(pt.label)).append("</title>");
            if (onAxis) {
                b.append("<path d=\"M").append(n(px)).append(' ').append(n(py - 1)).append("l-6 -10h12z\" fill=\"").append(pt.state.colour)
                        .append("\" stroke=\"").append(pt.stroke).append("\" stroke-width=\"1.5\"/>");
            } else {
                b.append("<path d=\"M").append(n(px)).append(' ').append(n(py - 8)).append("l8 8l-8 8l-8 -8z\" fill=\"").append(pt.state.colour)
                        .append("\" stroke=\"").append(pt.stroke).append("\" stroke-width=\"2\"/>");
            }
            b.append("</g>\n");
        }
        if (x.empty || y.empty) {
            b.append("<text class=\"note empty\" x=\"").append(n((px0 + px1) / 2)).append("\" y=\"").append(n(mid))
                    .append("\" text-anchor=\"middle\">no finite values measured</text>\n");
        }
        b.append("</svg>");
        return b.toString();
    }

    private void dots(StringBuilder b, Series s, Scale sx, Scale sy) {
        int n = s.xs.length, finite = 0;
        for (int i = 0; i < n; i++) if (ok(s, i)) finite++;
        for (int i = 0; i < n; i++) {
            if (!ok(s, i)) continue;
            boolean isolated = (i == 0 || !ok(s, i - 1)) && (i == n - 1 || !ok(s, i + 1));
            if (finite > MAX_DOTS && !isolated) continue;
            b.append("<circle class=\"dot\" cx=\"").append(n(sx.map(s.xs[i]))).append("\" cy=\"").append(n(sy.map(s.ys[i])))
                    .append("\" r=\"3.2\" fill=\"").append(s.colour).append("\"><title>").append(Html.esc(s.name)).append(", ")
                    .append(xUnit).append(' ').append(Html.num(s.xs[i])).append(": ").append(Html.num(s.ys[i]));
            if (s.lo != null && Double.isFinite(s.lo[i])) {
                b.append(" (").append(Html.num(s.lo[i])).append(" to ").append(Html.num(s.hi[i])).append(')');
            }
            b.append("</title></circle>\n");
        }
    }

    private static boolean ok(Series s, int i) {
        return Double.isFinite(s.xs[i]) && Double.isFinite(s.ys[i]);
    }

    /** The line as path data; each run of finite points is its own subpath, so a NaN leaves a gap. */
    private static String line(Series s, Scale sx, Scale sy) {
        StringBuilder d = new StringBuilder();
        boolean pen = false;
        for (int i = 0; i < s.xs.length; i++) {
            if (!ok(s, i)) {
                pen = false;
                continue;
            }
            d.append(d.length() == 0 ? "" : " ").append(pen ? 'L' : 'M').append(n(sx.map(s.xs[i]))).append(' ').append(n(sy.map(s.ys[i])));
            pen = true;
        }
        return d.toString();
    }

    /** The band as path data: per run of points with a finite spread, along hi and back along lo. */
    private static String band(Series s, Scale sx, Scale sy) {
        StringBuilder d = new StringBuilder();
        int i = 0, n = s.xs.length;
        while (i < n) {
            if (!finiteBand(s, i)) {
                i++;
                continue;
            }
            int j = i;
            while (j + 1 < n && finiteBand(s, j + 1)) j++;
            if (j > i) {
                for (int k = i; k <= j; k++) d.append(k == i ? (d.length() == 0 ? "M" : " M") : "L").append(n(sx.map(s.xs[k]))).append(' ').append(n(sy.map(s.hi[k])));
                for (int k = j; k >= i; k--) d.append('L').append(n(sx.map(s.xs[k]))).append(' ').append(n(sy.map(s.lo[k])));
                d.append('Z');
            }
            i = j + 1;
        }
        return d.toString();
    }

    private static boolean finiteBand(Series s, int i) {
        return Double.isFinite(s.xs[i]) && Double.isFinite(s.lo[i]) && Double.isFinite(s.hi[i]);
    }

    /** The data's extent on one axis; a threshold only counts when it lies near the data (else it is noted at the edge). */
    private double[] range(boolean xAxis) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.xs.length; i++) {
                if (!ok(s, i)) continue;
                double v = xAxis ? s.xs[i] : s.ys[i];
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
                if (!xAxis && s.lo != null && finiteBand(s, i)) {
                    lo = Math.min(lo, s.lo[i]);
                    hi = Math.max(hi, s.hi[i]);
                }
            }
        }
        if (!xAxis && lo <= hi) {
            double span = hi - lo;
            if (span == 0) span = lo == 0 ? 1 : Math.abs(lo) * 0.5;
            double dlo = lo, dhi = hi;
            for (Threshold t : thresholds) {
                if (t.y >= dlo - span && t.y <= dhi + span) {
                    lo = Math.min(lo, t.y);
                    hi = Math.max(hi, t.y);
                }
            }
        }
        return new double[] {lo, hi};
    }

    private record Scale(double d0, double d1, double p0, double p1) {
        double map(double v) {
            return p0 + (v - d0) / (d1 - d0) * (p1 - p0);
        }
    }

    /** An axis's domain, widened to whole steps of 1, 2 or 5 times a power of ten, and its ticks. */
    static final class Axis {
        final double lo, hi, step;
        final List<Double> ticks = new ArrayList<>();
        final boolean empty;
        private final int decimals;

        private Axis(double lo, double hi, double step, boolean empty) {
            this.lo = lo;
            this.hi = hi;
            this.step = step;
            this.empty = empty;
            this.decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
            for (long k = Math.round(lo / step); k * step <= hi + step * 1e-9; k++) ticks.add(k * step);
        }

        static Axis of(double lo, double hi, int target) {
            boolean empty = !(lo <= hi);
            if (empty) {
                lo = 0;
                hi = 1;
            } else if (lo == hi) {
                double pad = lo == 0 ? 1 : Math.abs(lo) * 0.1;
                lo -= pad;
                hi += pad;
            }
            double step = niceStep((hi - lo) / target);
            return new Axis(Math.floor(lo / step + 1e-9) * step, Math.ceil(hi / step - 1e-9) * step, step, empty);
        }

        /** Whether v lies on the axis (allowing for rounding in its bounds). */
        boolean contains(double v) {
            double eps = step * 1e-6;
            return v >= lo - eps && v <= hi + eps;
        }

        static double niceStep(double raw) {
            double mag = Math.pow(10, Math.floor(Math.log10(raw)));
            double f = raw / mag;
            return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
        }

        String label(double v) {
            if (Math.abs(v) < step * 1e-6) v = 0;
            double big = Math.max(Math.abs(lo), Math.abs(hi));
            if (big >= 1e6 || decimals > 6) return String.format(Locale.ROOT, "%.3g", v);
            return String.format(Locale.ROOT, "%." + decimals + "f", v);
        }
    }

    private static String n(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
