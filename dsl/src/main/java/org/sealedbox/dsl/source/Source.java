package org.sealedbox.dsl.source;

import java.util.List;

/** The text of one scenario file, with the name under which diagnostics refer to it. */
public record Source(String name, String text) {
    public Source {
        if (name == null || text == null) throw new IllegalArgumentException("source needs a name and text");
    }

    /** The 1-based line, without its line terminator; empty past the end. */
    public String line(int line) {
        List<String> lines = text.lines().toList();
        return line >= 1 && line <= lines.size() ? lines.get(line - 1) : "";
    }
}
