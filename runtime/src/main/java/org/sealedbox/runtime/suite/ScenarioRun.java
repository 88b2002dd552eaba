package org.sealedbox.runtime.suite;

import java.nio.file.Path;
import java.util.List;
import org.sealedbox.dsl.ScenarioCompiler;
import org.sealedbox.runtime.Outcome;
import org.sealedbox.runtime.results.Verdicts;

/**
 * One scenario file run as a test: its compilation, and (when it compiled) the outcome of running it, whose verdicts
 * are the results of its {@code expect} lines. {@code error} is set when the file could not be read or the run failed.
 */
public record ScenarioRun(Path file, ScenarioCompiler.Compilation compilation, Outcome outcome, String error, double seconds) {
    public boolean compiled() {
        return compilation != null && compilation.ok();
    }

    public List<Verdicts.Verdict> verdicts() {
        return outcome == null ? List.of() : outcome.verdicts();
    }

    /** Whether every expectation held (and the file compiled and ran to its end). */
    public boolean passed() {
        return compiled() && error == null && outcome != null && outcome.completed()
                && verdicts().stream().allMatch(v -> Boolean.TRUE.equals(v.holds()));
    }

    /** How an expectation's verdict reads in a test report: {@code file:line: expect … — 0.37 > 1 does not hold}. */
    public static String describe(Verdicts.Verdict v) {
        String where = v.expectation().span().source().name() + ":" + v.expectation().span().line();
        String state = Boolean.TRUE.equals(v.holds()) ? "holds" : Boolean.FALSE.equals(v.holds()) ? "does not hold" : "cannot be judged";
        return where + ": " + v.expectation().text() + " — " + v.detail() + " (" + state + ")";
    }
}
