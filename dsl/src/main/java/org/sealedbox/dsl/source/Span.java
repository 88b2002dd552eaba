package org.sealedbox.dsl.source;

/**
 * Where a piece of a scenario came from: 1-based line and column of its first character, and
 * how many characters of that line it covers (at least one, so a caret can always be drawn).
 */
public record Span(Source source, int line, int column, int length) {
    public Span {
        length = Math.max(1, length);
    }

    public String location() {
        return source.name() + ":" + line + ":" + column;
    }

    @Override
    public String toString() {
        return location();
    }
}
