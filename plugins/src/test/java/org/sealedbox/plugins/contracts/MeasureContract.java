package org.sealedbox.plugins.contracts;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sealedbox.dsl.schema.PluginKind;
import org.sealedbox.plugins.Boxes;
import org.sealedbox.runtime.Outcome;

/**
 * What every measure must do: give a finite number at every measurement of a box that ran (measures of what judges
 * accepted are NaN at tick 0, before anything was accepted, and say so), and the same numbers for the same seed.
 */
public abstract class MeasureContract {
    /** The measure as a scenario writes it in a {@code measure} block. */
    protected abstract String measure();

    /** Whether the measure reads what judges accepted since the last measurement (then it has no value at tick 0). */
    protected boolean readsAccepted() {
        return false;
    }

    /** The standard measures, measured together so that one run serves all their contract tests. */
    static final List<String> STANDARD = List.of("accuracy(human)", "frontier(0.5, union)", "believed_frontier", "drift",
            "pretraining_share", "diversity(new)", "error(all)", "shortcut_rate(observed)", "character", "kl", "gold", "proxy",
            "goodhart_gap");

    String scenario() {
        return scenario(STANDARD.contains(measure()) ? String.join("  ", STANDARD) : measure());
    }

    /**
     * A year-long box measuring {@code measured} (measure text) every 3 months. Default: the concepts world with a
     * judge and an RL learner; a measure of another world overrides this.
     */
    protected String scenario(String measured) {
        return """
                scenario "contract" {
                  box { duration 1 year  tick 1 month  seed 5 }
                  world concepts { fields 6 width 4 human 0..2 temptations 0.5 }
                  agents llm count 4 { model linear  pretrain humans samples 400 epochs 2  learner rl maximise reward lr 0.01 }
                  judge j = ground_truth budget 4 noise 0.1
                  objective reward = proxy
                  each tick {
                    llm proposes 6 at frontier noise 0.3
                    j selects into llm.weights
                  }
                  measure every 3 months { %s }
                }
                """.formatted(measured);
    }

    /** One run per scenario text, shared by the tests of a class (the same-seed test runs it again). */
    private static final java.util.Map<String, Outcome> RUNS = new java.util.concurrent.ConcurrentHashMap<>();

    Outcome outcome() {
        return RUNS.computeIfAbsent(scenario(), Boxes::run);
    }

    @Test
    void declaresDocumentedParametersAndRejectsUnknownOnes() {
        String name = measure().split("[\\s(]+")[0];
        var schema = Boxes.REGISTRY.find(PluginKind.MEASURE, name).orElseThrow();
        for (var p : schema.params()) assertFalse(p.doc() == null || p.doc().isBlank(), name + "." + p.name() + " has a doc");
        String out = Boxes.compile(scenario(name + "(no_such_parameter 1)")).diagnostics().render();
        assertTrue(out.contains("has no parameter `no_such_parameter`"), out);
    }

    @Test
    void isFiniteAtEveryMeasurement() {
        Outcome o = outcome();
        double[] series = o.series(measure());
        assertEquals(5, series.length, "measured at 0, 3, 6, 9 and 12 months");
        for (int i = readsAccepted() ? 1 : 0; i < series.length; i++) assertTrue(Double.isFinite(series[i]), measure() + " at " + i + ": " + series[i]);
        if (readsAccepted()) assertTrue(Double.isNaN(series[0]), "nothing was accepted before tick 0");
    }

    @Test
    void givesTheSameNumbersForTheSameSeed() {
        Outcome again = RUNS.computeIfAbsent(scenario() + "// again", k -> Boxes.run(scenario()));
        assertArrayEquals(outcome().series(measure()), again.series(measure()));
    }
}

class AccuracyContractTest extends MeasureContract { protected String measure() { return "accuracy(human)"; } }

class FrontierContractTest extends MeasureContract { protected String measure() { return "frontier(0.5, union)"; } }

class BelievedFrontierContractTest extends MeasureContract { protected String measure() { return "believed_frontier"; } }

class DriftContractTest extends MeasureContract { protected String measure() { return "drift"; } }

class PretrainingShareContractTest extends MeasureContract { protected String measure() { return "pretraining_share"; } }

class DiversityContractTest extends MeasureContract { protected String measure() { return "diversity(new)"; } }

class ErrorContractTest extends MeasureContract { protected String measure() { return "error(all)"; } }

class ShortcutRateContractTest extends MeasureContract { protected String measure() { return "shortcut_rate(observed)"; } }

class CharacterContractTest extends MeasureContract { protected String measure() { return "character"; } }

class KlContractTest extends MeasureContract { protected String measure() { return "kl"; } }

class GoldContractTest extends MeasureContract {
    protected String measure() { return "gold"; }
    protected boolean readsAccepted() { return true; }
}

class ProxyContractTest extends MeasureContract {
    protected String measure() { return "proxy"; }
    protected boolean readsAccepted() { return true; }
}

class GoodhartGapContractTest extends MeasureContract {
    protected String measure() { return "goodhart_gap"; }
    protected boolean readsAccepted() { return true; }
}

class VarianceContractTest extends MeasureContract {
    protected String measure() { return "variance"; }

    protected String scenario(String measured) {
        return """
                scenario "contract" {
                  box { duration 4 ticks  tick 3 months  seed 5 }
                  world gaussian { mean 0  sd 1 }
                  agents g count 3 { model gaussian  pretrain gaussian_fit samples 20 estimator mle  learner frozen }
                  judge keep = accept_all
                  each tick { g proposes 20 at fields 0..0; keep selects into g.corpus }
                  generation every 3 months { g: corpus replace }
                  measure every 3 months { %s }
                }
                """.formatted(measured);
    }
}

class BitsPerGenerationContractTest extends MeasureContract {
    protected String measure() { return "bits_per_generation"; }

    protected String scenario(String measured) {
        return """
                scenario "contract" {
                  box { duration 4 ticks  tick 3 months  seed 5 }
                  world genome { bits 64 }
                  agents b count 20 { model bits  pretrain none  learner evolution keep 0.5 mutation 0.01  lifetime 3 months }
                  measure every 3 months { %s }
                }
                """.formatted(measured);
    }
}
