package org.sealedbox.runtime.results;

import java.util.ArrayList;
import java.util.List;
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

    public static List<Verdict> evaluate(List<Expectation> expectations, List<MetricsRow> rows, boolean complete) {
        List<Verdict> out = new ArrayList<>();
        for (Expectation e : expectations) out.add(evaluate(e, rows, complete));
        return out;
    }

    public static Verdict evaluate(Expectation e, List<MetricsRow> rows, boolean complete) {
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

    private static double value(Expectation.Expr expr, List<MetricsRow> rows, MetricsRow current, boolean complete) {
        if (expr instanceof Expectation.Const c) return c.value();
        if (expr instanceof Expectation.Neg n) return -value(n.operand(), rows, current, complete);
        if (expr instanceof Expectation.Binary b) {
            double l = value(b.left(), rows, current, complete), r = value(b.right(), rows, current, complete);
            return switch (b.op()) {
                case '+' -> l + r;
                case '-' -> l - r;
                case '*' -> l * r;
                case '/' -> l / r;
                default -> throw new IllegalStateException("operator " + b.op());
            };
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
