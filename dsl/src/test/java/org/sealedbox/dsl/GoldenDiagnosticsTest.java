package org.sealedbox.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.AssertionFailedError;
import org.sealedbox.dsl.ScenarioCompiler.Compilation;
import org.sealedbox.dsl.diag.Diagnostic;
import org.sealedbox.dsl.diag.Severity;
import org.sealedbox.dsl.source.Source;

/**
 * Golden diagnostics: every {@code .box} file under {@code src/test/resources/diagnostics/} is compiled
 * with the {@link TestCatalog}, and its diagnostics are compared with the expectations written inline,
 * as comments on the line where each diagnostic must be reported:
 *
 * <pre>
 *   judge j = self_confidance   //! error@13: unknown judge `self_confidance` //! hint: did you mean
 * </pre>
 *
 * <ul>
 *   <li>{@code //! error: TEXT} (or {@code //! warning: TEXT}): a diagnostic of that severity on this line whose
 *       message contains TEXT. In TEXT, {@code " ... "} stands for anything: the pieces must appear in order.</li>
 *   <li>{@code //! error@COL: TEXT}: the same, and it must point at column COL (1-based).</li>
 *   <li>{@code //! hint: TEXT} right after an error or warning: that diagnostic's hint contains TEXT.</li>
 *   <li>{@code //! known-bug: REASON} anywhere: the file documents the correct behaviour of a bug in the main
 *       code that is not fixed yet. While the diagnostics differ (or compile throws), the test is aborted
 *       (reported as skipped) with REASON; once they match it passes like any other file.</li>
 * </ul>
 *
 * Errors and warnings must match exactly: each expected one reported, and nothing else reported. A file with
 * no expected errors must compile to a model ({@link Compilation#ok()}).
 */
class GoldenDiagnosticsTest {

    private static final Pattern DIRECTIVE =
            Pattern.compile("//!\\s*(error|warning|hint|known-bug)(?:@(\\d+))?\\s*:\\s*(.*?)\\s*(?=//!|$)");
    /** The caret line of a rendered diagnostic: gutter, bar, spaces, caret, tildes. */
    private static final Pattern CARET_LINE = Pattern.compile("(?m)^ +\\| +\\^~*$");

    /** One expected diagnostic. {@code column == 0}: any column; {@code hint == null}: any hint. */
    record Expected(Severity severity, int line, int column, String text, String hint) {
        boolean matches(Diagnostic d) {
            return d.severity() == severity && d.span().line() == line
                    && (column == 0 || d.span().column() == column)
                    && containsInOrder(d.message(), text)
                    && (hint == null || (d.hint() != null && containsInOrder(d.hint(), hint)));
        }

        @Override
        public String toString() {
            return "line " + line + (column == 0 ? "" : ":" + column) + ": " + severity.label() + ": " + text
                    + (hint == null ? "" : "  [hint: " + hint + "]");
        }
    }

    record Golden(String name, String text, List<Expected> expected, String knownBug) {}

    static boolean containsInOrder(String haystack, String pattern) {
        int from = 0;
        for (String piece : pattern.split(" \\.\\.\\. ")) {
            int at = haystack.indexOf(piece, from);
            if (at < 0) return false;
            from = at + piece.length();
        }
        return true;
    }

    static Golden parse(String name, String text) {
        List<Expected> expected = new ArrayList<>();
        String knownBug = null;
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = DIRECTIVE.matcher(lines.get(i));
            Expected last = null;
            while (m.find()) {
                String kind = m.group(1);
                int column = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
                String body = m.group(3);
                if (body.isEmpty()) throw new IllegalArgumentException(name + ":" + (i + 1) + ": empty `//! " + kind + ":`");
                switch (kind) {
                    case "known-bug" -> knownBug = body;
                    case "hint" -> {
                        if (last == null || last.hint() != null) {
                            throw new IllegalArgumentException(name + ":" + (i + 1) + ": `//! hint:` must follow an error or warning");
                        }
                        expected.set(expected.size() - 1, last = new Expected(last.severity(), last.line(), last.column(), last.text(), body));
                    }
                    default -> {
                        last = new Expected(Severity.valueOf(kind.toUpperCase(Locale.ROOT)), i + 1, column, body, null);
                        expected.add(last);
                    }
                }
            }
        }
        return new Golden(name, text, expected, knownBug);
    }

    static Path directory() throws URISyntaxException {
        URL url = GoldenDiagnosticsTest.class.getResource("/diagnostics");
        if (url != null && "file".equals(url.getProtocol())) return Path.of(url.toURI());
        return Path.of("src", "test", "resources", "diagnostics");
    }

    static List<Path> files() throws IOException, URISyntaxException {
        try (Stream<Path> s = Files.list(directory())) {
            return s.filter(p -> p.getFileName().toString().endsWith(".box")).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> goldenFiles() throws IOException, URISyntaxException {
        List<Path> files = files();
        assertFalse(files.isEmpty(), "no golden .box files found in " + directory());
        return files.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), p.toUri(), () -> check(p)));
    }

    private static void check(Path file) throws IOException {
        String name = file.getFileName().toString();
        Golden golden = parse(name, Files.readString(file, StandardCharsets.UTF_8));
        if (golden.knownBug() == null) {
            verify(golden);
            return;
        }
        try {
            verify(golden);
        } catch (AssertionFailedError | RuntimeException e) {
            Assumptions.abort("known bug: " + golden.knownBug() + "\n" + e.getMessage());
        }
    }

    static void verify(Golden golden) {
        Compilation c;
        try {
            c = TestCatalog.compiler().compile(new Source(golden.name(), golden.text()));
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionFailedError("compile threw " + e + " for " + golden.name(), e);
        }
        List<Diagnostic> actual = c.diagnostics().list();
        String rendered = c.diagnostics().render();

        for (Diagnostic d : actual) {
            String r = d.render();
            String location = golden.name() + ":" + d.span().line() + ":" + d.span().column() + ": ";
            assertTrue(r.startsWith(location), () -> "rendering does not start with `" + location + "`:\n" + r);
            assertTrue(r.startsWith(location + d.severity().label() + ": " + d.message() + "\n"),
                    () -> "first line of the rendering is not `location: severity: message`:\n" + r);
            Matcher caret = CARET_LINE.matcher(r);
            assertTrue(caret.find(), () -> "no caret line in:\n" + r);
            String caretLine = caret.group();
            int bar = caretLine.indexOf('|');
            assertEquals(d.span().column(), caretLine.indexOf('^') - bar - 1,
                    () -> "the caret is not under column " + d.span().column() + ":\n" + r);
            if (d.hint() != null && !d.hint().isBlank()) {
                assertTrue(r.contains("= hint: " + d.hint()), () -> "hint not rendered:\n" + r);
            }
        }

        List<Expected> expected = golden.expected();
        int[] assignment = new int[expected.size()];
        boolean exact = expected.size() == actual.size() && match(expected, actual, 0, new boolean[actual.size()], assignment);
        if (!exact) {
            StringBuilder msg = new StringBuilder("diagnostics of ").append(golden.name()).append(" differ from the `//!` expectations\n");
            msg.append("expected (").append(expected.size()).append("):\n");
            for (Expected e : expected) msg.append("  ").append(e).append('\n');
            msg.append("actual (").append(actual.size()).append("):\n");
            msg.append(rendered.isEmpty() ? "  (none)\n" : rendered.indent(2));
            List<String> missing = new ArrayList<>();
            for (Expected e : expected) if (actual.stream().noneMatch(e::matches)) missing.add("  " + e);
            List<String> unexpected = new ArrayList<>();
            for (Diagnostic d : actual) if (expected.stream().noneMatch(e -> e.matches(d))) unexpected.add("  " + d);
            if (!missing.isEmpty()) msg.append("missing:\n").append(String.join("\n", missing)).append('\n');
            if (!unexpected.isEmpty()) msg.append("unexpected:\n").append(String.join("\n", unexpected)).append('\n');
            fail(msg.toString());
        }

        boolean errorsExpected = expected.stream().anyMatch(e -> e.severity() == Severity.ERROR);
        if (!errorsExpected) {
            assertTrue(c.ok(), () -> golden.name() + " should compile to a model; diagnostics:\n" + rendered);
            assertTrue(c.model().isPresent(), golden.name() + " should have a model");
        } else {
            assertFalse(c.ok(), golden.name() + " has errors, so it must not be ok()");
            assertTrue(c.model().isEmpty(), golden.name() + " has errors, so it must have no model");
        }
    }

    /** A one-to-one assignment of expectations to diagnostics (backtracking: the lists are short). */
    private static boolean match(List<Expected> expected, List<Diagnostic> actual, int i, boolean[] used, int[] assignment) {
        if (i == expected.size()) return true;
        for (int j = 0; j < actual.size(); j++) {
            if (!used[j] && expected.get(i).matches(actual.get(j))) {
                used[j] = true;
                assignment[i] = j;
                if (match(expected, actual, i + 1, used, assignment)) return true;
                used[j] = false;
            }
        }
        return false;
    }
}
