package org.sealedbox.scenarios.spock;

import java.util.List;
import org.sealedbox.dsl.ir.ScenarioModel;
import org.sealedbox.runtime.Outcome;
import org.sealedbox.runtime.box.MetricsRow;
import org.sealedbox.runtime.results.Verdicts;

/** A finished run: any measure at any measured time, and the verdicts of its {@code expect} lines. */
public record ScenarioRunResult(ScenarioModel scenario, Outcome outcome) {
    public double start(String measure) {
        return outcome.start(measure);
    }

    public double end(String measure) {
        return outcome.end(measure);
    }

    /**
     * The measure at the last measurement at or before box time {@code time}, in the unit the scenario's duration is
     * written in (years for {@code duration 200 years}).
     */
    public double at(String measure, double time) {
        double value = Double.NaN;
        for (MetricsRow row : outcome.rows()) {
            if (row.time() > time + 1e-9) break;
            value = row.values().getOrDefault(measure, Double.NaN);
        }
        return value;
    }

    public double[] series(String measure) {
        return outcome.series(measure);
    }

    public List<Verdicts.Verdict> verdicts() {
        return outcome.verdicts();
    }

    /** Whether every {@code expect} line of the scenario held. */
    public boolean allHold() {
        return outcome.allHold();
    }
}
