package org.sealedbox.dsl.diag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.sealedbox.dsl.source.Span;

/** A collector of diagnostics, in source order once sorted. */
public final class Diagnostics {
    private final List<Diagnostic> all = new ArrayList<>();

    public void add(Diagnostic d) {
        all.add(d);
    }

    public void addAll(Diagnostics other) {
        all.addAll(other.all);
    }

    public void error(String code, Span span, String message, String hint) {
        add(Diagnostic.error(code, span, message, hint));
    }

    public void error(String code, Span span, String message) {
        add(Diagnostic.error(code, span, message, null));
    }

    public void warning(String code, Span span, String message, String hint) {
        add(Diagnostic.warning(code, span, message, hint));
    }

    /** Drops the diagnostics {@code cascade} matches: follow-on errors of one already reported. */
    public void removeIf(java.util.function.Predicate<Diagnostic> cascade) {
        all.removeIf(cascade);
    }

    public boolean hasErrors() {
        return all.stream().anyMatch(Diagnostic::isError);
    }

    public int errorCount() {
        return (int) all.stream().filter(Diagnostic::isError).count();
    }

    public List<Diagnostic> list() {
        List<Diagnostic> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparing((Diagnostic d) -> d.span().source().name())
                .thenComparingInt(d -> d.span().line())
                .thenComparingInt(d -> d.span().column()));
        return sorted;
    }

    public String render() {
        StringBuilder out = new StringBuilder();
        for (Diagnostic d : list()) out.append(d.render());
        return out.toString();
    }
}
