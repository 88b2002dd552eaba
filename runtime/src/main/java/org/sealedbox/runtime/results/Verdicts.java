package org.sealedbox.runtime.results;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sealedbox.dsl.ir.Expectation;
import org.sealedbox.runtime.box.MetricsRow;

/** Evaluates {@code expect} lines against the measured rows of a run. */
public final class Verdicts {
    private Verdicts() {}

    /**
     * @param holds  null when it cannot be decided (the run stopped before the time it refers to)
     * @param left   the left side's value (at the deciding row for always/eventually)
     * @param detail a one-line account: the values compared, or why it could not be decided
     */
    public record Verdict(Expectation expectation, Boolean holds, double left, double right, String detail) {
        public String status() {
            return holds == null ? "undecided" : holds ? "holds" : "fails";
        }
    }

    /**
     * A verdict as the JSON object a results folder holds ({@code verdicts.json} of a run; a sweep writes the same
     * objects with a {@code "variant"} label put in front). Besides {@code file}, {@code line}, {@code expect},
     * {@code status} and {@code detail}, what a plot of it needs: {@code measure} (the key of the first measured value
     * in the expression, or null), {@code when} ({@code "start"}, {@code "end"}, a tick number, {@code "always"} or
     * {@code "eventually"}; null when nothing is measured), {@code op} (its symbol), {@code threshold} (the right side
     * when it is a constant, else null) and {@code holds} (true, false, or null when undecided).
     */
    public static Map<String, Object> toJson(Verdict v) {
        Expectation e = v.expectation();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", e.span().source().name());
        m.put("line", e.span().line());
        m.put("expect", e.text());
        m.put("status", v.status());
        m.put("detail", v.detail());
        Expectation.MeasureAt first = firstMeasure(e.left());
        if (first == null) first = firstMeasure(e.right());
        m.put("measure", first == null ? null : first.key());
        Object when = null;
        if (e.quantifier() == Expectation.Quantifier.ALWAYS) when = "always";
        else if (e.quantifier() == Expectation.Quantifier.EVENTUALLY) when = "eventually";
        else if (first != null && first.when() instanceof Expectation.Start) when = "start";
        else if (first != null && first.when() instanceof Expectation.End) when = "end";
        else if (first != null && first.when() instanceof Expectation.AtTick at) when = at.tick();
        m.put("when", when);
        m.put("op", e.op().symbol);
        Double threshold = constant(e.right());
        m.put("threshold", threshold == null || !Double.isFinite(threshold) ? null : threshold);
        m.put("holds", v.holds());
        return m;
    }

    private static Expectation.MeasureAt firstMeasure(Expectation.Expr e) {
        if (e instanceof Expectation.MeasureAt m) return m;
        if (e instanceof Expectation.Aggregate a) return firstMeasure(a.inner());
        if (e instanceof Expectation.Neg n) return firstMeasure(n.operand());
        if (e instanceof Expectation.Binary b) {
            Expectation.MeasureAt l = firstMeasure(b.left());
            return l != null ? l : firstMeasure(b.right());
        }
        return null;
    }

    /** The value of an expression of constants only ({@code 0.3}, {@code -1}, {@code 1/3}); null if it measures anything. */
    private static Double constant(Expectation.Expr e) {
        if (e instanceof Expectation.Const c) return c.value();
        if (e instanceof Expectation.Neg n) {
            Double v = constant(n.operand());
            return v == null ? null : -v;
        }
        if (e instanceof Expectation.Binary b) {
            Double l = constant(b.left()), r = constant(b.right());
            return l == null || r == null ? null : arithmetic(b.op(), l, r);
        }
        return null;
    }

    public static List<Verdict> evaluate(List<Expectation> expectations, List<MetricsRow> rows, boolean complete) {
        List<Verdict> out = new ArrayList<>();
        for (Expectation e : expectations) out.add(evaluate(e, rows, complete));
        return out;
    }

    public static Verdict evaluate(Expectation e, List<MetricsRow> rows, boolean complete) {
        if (e.acrossSeeds()) {
            return new Verdict(e, null, Double.NaN, Double.NaN, "about the sweep's seeds together: `sealedbox test` runs them all and judges it");
        }
        if (rows.isEmpty()) return new Verdict(e, null, Double.NaN, Double.NaN, "nothing was measured");
        try {
            if (e.quantifier() == Expectation.Quantifier.NONE) {
                double l = value(e.left(), rows, null, complete), r = value(e.right(), rows, null, complete);
                return new Verdict(e, e.op().holds(l, r), l, r, fmt(l) + " " + e.op().symbol + " " + fmt(r));
            }
            boolean always = e.quantifier() == Expectation.Quantifier.ALWAYS;
            for (MetricsRow row : rows) {
                double l = value(e.left(), rows, row, complete), r = value(e.right(), rows, row, complete);
                boolean h = e.op().holds(l, r);
                if (always && !h) {
                    return new Verdict(e, false, l, r, "fails at tick " + row.tick() + ": " + fmt(l) + " " + e.op().symbol + " " + fmt(r));
                }
                if (!always && h) {
                    return new Verdict(e, true, l, r, "holds from tick " + row.tick() + ": " + fmt(l) + " " + e.op().symbol + " " + fmt(r));
                }
            }
            MetricsRow last = rows.get(rows.size() - 1);
            double l = value(e.left(), rows, last, complete), r = value(e.right(), rows, last, complete);
            if (!complete) return new Verdict(e, always ? null : null, l, r, "the run stopped early at tick " + last.tick());
            return new Verdict(e, always, l, r, (always ? "holds at all " : "never holds in ") + rows.size() + " measurements");
        } catch (Undecided u) {
            return new Verdict(e, null, Double.NaN, Double.NaN, u.getMessage());
        }
    }

    /**
     * An expectation of a swept variant, judged over its seeds' runs: a plain one must hold in every seed; {@code in P%
     * of seeds} in at least that share; one with a statistic ({@code mean(…)}) on the statistic of the seeds' values.
     */
    public static Verdict acrossSeeds(Expectation e, List<List<MetricsRow>> runs, List<Boolean> complete, String label) {
        int n = runs.size();
        boolean aggregated = e.acrossSeeds() && e.percent() == null;
        if (!aggregated) {
            int held = 0;
            Verdict firstFailure = null;
            for (int i = 0; i < n; i++) {
                Expectation single = new Expectation(e.text(), e.span(), e.quantifier(), e.left(), e.op(), e.right());
                Verdict v = evaluate(single, runs.get(i), complete.get(i));
                if (Boolean.TRUE.equals(v.holds())) held++;
                else if (firstFailure == null) firstFailure = v;
            }
            double share = 100.0 * held / n;
            if (e.percent() != null) {
                boolean holds = share >= e.percent() - 1e-9;
                return new Verdict(e, holds, share, e.percent(), "[" + label + "] holds in " + held + " of " + n + " seeds ("
                        + fmt(share) + "%; needs " + fmt(e.percent()) + "%)");
            }
            return new Verdict(e, held == n, held, n, "[" + label + "] holds in " + held + " of " + n + " seeds"
                    + (firstFailure == null ? "" : "; first that does not: " + firstFailure.detail()));
        }
        try {
            double l = across(e.left(), runs, complete), r = across(e.right(), runs, complete);
            return new Verdict(e, e.op().holds(l, r), l, r, "[" + label + "] " + fmt(l) + " " + e.op().symbol + " " + fmt(r) + " over " + n + " seeds");
        } catch (Undecided u) {
            return new Verdict(e, null, Double.NaN, Double.NaN, "[" + label + "] " + u.getMessage());
        }
    }

    private static double across(Expectation.Expr expr, List<List<MetricsRow>> runs, List<Boolean> complete) {
        if (expr instanceof Expectation.Const c) return c.value();
        if (expr instanceof Expectation.Neg n) return -across(n.operand(), runs, complete);
        if (expr instanceof Expectation.Binary b) {
            double l = across(b.left(), runs, complete), r = across(b.right(), runs, complete);
            return arithmetic(b.op(), l, r);
        }
        if (expr instanceof Expectation.Aggregate a) {
            double[] values = new double[runs.size()];
            for (int i = 0; i < values.length; i++) {
                if (runs.get(i).isEmpty()) throw new Undecided("a run measured nothing");
                values[i] = value(a.inner(), runs.get(i), null, complete.get(i));
            }
            return statistic(a.fn(), values);
        }
        throw new Undecided("a measured value outside a statistic over seeds: wrap it, as in mean(…)");
    }

    static double statistic(String fn, double[] v) {
        double[] sorted = v.clone();
        java.util.Arrays.sort(sorted);
        double mean = java.util.Arrays.stream(v).average().orElse(Double.NaN);
        return switch (fn) {
            case "mean" -> mean;
            case "median" -> sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
            case "min" -> sorted[0];
            case "max" -> sorted[sorted.length - 1];
            case "sd" -> v.length < 2 ? 0 : Math.sqrt(java.util.Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / (v.length - 1));
            default -> throw new IllegalArgumentException("statistic " + fn);
        };
    }

    private static double arithmetic(char op, double l, double r) {
        return switch (op) {
            case '+' -> l + r;
            case '-' -> l - r;
            case '*' -> l * r;
            case '/' -> l / r;
            default -> throw new IllegalStateException("operator " + op);
        };
    }

    private static double value(Expectation.Expr expr, List<MetricsRow> rows, MetricsRow current, boolean complete) {
        if (expr instanceof Expectation.Const c) return c.value();
        if (expr instanceof Expectation.Aggregate) throw new Undecided("a statistic over seeds needs the sweep's runs");
        if (expr instanceof Expectation.Neg n) return -value(n.operand(), rows, current, complete);
        if (expr instanceof Expectation.Binary b) {
            return arithmetic(b.op(), value(b.left(), rows, current, complete), value(b.right(), rows, current, complete));
        }
        Expectation.MeasureAt m = (Expectation.MeasureAt) expr;
        MetricsRow row;
        if (m.when() == null) row = current;
        else if (m.when() instanceof Expectation.Start) row = rows.get(0);
        else if (m.when() instanceof Expectation.End) {
            if (!complete) throw new Undecided("the run stopped before its end");
            row = rows.get(rows.size() - 1);
        } else {
            Expectation.AtTick at = (Expectation.AtTick) m.when();
            MetricsRow last = rows.get(rows.size() - 1);
            if (!complete && last.tick() < at.tick()) throw new Undecided("the run stopped before " + at.label());
            row = rows.get(0);
            for (MetricsRow r : rows) if (r.tick() <= at.tick()) row = r;
        }
        Double v = row.values().get(m.key());
        if (v == null) throw new Undecided("`" + m.key() + "` was not measured");
        return v;
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) return "NaN";
        if (v == Math.rint(v) && Math.abs(v) < 1e9) return String.valueOf((long) v);
        return String.format(java.util.Locale.ROOT, "%.4g", v);
    }

    private static final class Undecided extends RuntimeException {
        Undecided(String message) {
            super(message, null, false, false);
        }
    }
}
