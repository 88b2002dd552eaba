package org.sealedbox.dsl.diag;

import org.sealedbox.dsl.source.Span;

/**
 * One problem in a scenario, as a value: collected, never thrown, so one pass reports them all.
 *
 * @param code    a stable identifier (e.g. {@code unknown-plugin}) that tests and tools can match on
 * @param hint    what to write instead (nearest valid name, the valid choices); may be null
 */
public record Diagnostic(Severity severity, String code, Span span, String message, String hint) {

    public static Diagnostic error(String code, Span span, String message, String hint) {
        return new Diagnostic(Severity.ERROR, code, span, message, hint);
    }

    public static Diagnostic warning(String code, Span span, String message, String hint) {
        return new Diagnostic(Severity.WARNING, code, span, message, hint);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code file:line:col: error: message}, the source line, a caret under the culprit, and the hint. */
    public String render() {
        StringBuilder out = new StringBuilder();
        out.append(span.location()).append(": ").append(severity.label()).append(": ").append(message).append('\n');
        String line = span.source().line(span.line()).replace('\t', ' ');
        String gutter = String.valueOf(span.line());
        String pad = " ".repeat(gutter.length());
        out.append(' ').append(gutter).append(" | ").append(line).append('\n');
        int col = Math.max(1, span.column());
        int len = Math.max(1, Math.min(span.length(), Math.max(1, line.length() - col + 1)));
        out.append(' ').append(pad).append(" | ").append(" ".repeat(col - 1)).append('^').append("~".repeat(len - 1)).append('\n');
        if (hint != null && !hint.isBlank()) {
            out.append(' ').append(pad).append(" = hint: ").append(hint).append('\n');
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return span.location() + ": " + severity.label() + ": " + message + (hint == null ? "" : " (" + hint + ")");
    }
}
