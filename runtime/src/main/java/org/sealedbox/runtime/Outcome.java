package org.sealedbox.runtime;

import java.util.List;
import org.sealedbox.runtime.box.Divergence;
import org.sealedbox.runtime.box.MetricsRow;
import org.sealedbox.runtime.results.Verdicts;

/**
 * What came out of a box: every measurement, each expectation's verdict, and the divergence that
 * stopped it early, if any.
 */
public record Outcome(List<MetricsRow> rows, List<Verdicts.Verdict> verdicts, Divergence divergence, long ticksRun) {

    public boolean completed() {
        return divergence == null;
    }

    public boolean allHold() {
        return completed() && verdicts.stream().allMatch(v -> Boolean.TRUE.equals(v.holds()));
    }

    public double start(String measure) {
        return value(rows.get(0), measure);
    }

    public double end(String measure) {
        return value(rows.get(rows.size() - 1), measure);
    }

    /** The measure's series over the run, one value per measurement. */
    public double[] series(String measure) {
        return rows.stream().mapToDouble(r -> value(r, measure)).toArray();
    }

    private static double value(MetricsRow row, String measure) {
        Double v = row.values().get(measure);
        if (v == null) throw new IllegalArgumentException("`" + measure + "` was not measured (measured: " + row.values().keySet() + ")");
        return v;
    }
}
