package org.sealedbox.dsl.parse;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sealedbox.dsl.ScenarioCompiler;
import org.sealedbox.dsl.ScenarioCompiler.Compilation;
import org.sealedbox.dsl.TestCatalog;
import org.sealedbox.dsl.diag.Diagnostic;
import org.sealedbox.dsl.source.Source;

/** Whatever the text, {@code compile} returns diagnostics: no exception ever escapes it. */
class ParserTest {

    /** The canon example, read from the repository (the tests run in the module's directory). */
    static final Path CANON = Path.of("..", "scenarios", "canon", "whatever-seems-right.box");

    static String canon() throws IOException {
        assertTrue(Files.exists(CANON), "the canon example is missing: " + CANON.toAbsolutePath());
        return Files.readString(CANON, StandardCharsets.UTF_8);
    }

    /** Compiles, failing (not erroring) if anything is thrown, and checks every diagnostic renders sanely. */
    static Compilation compileSafely(String name, String text) {
        ScenarioCompiler compiler = TestCatalog.compiler();
        Compilation c;
        try {
            c = compiler.compile(new Source(name, text));
        } catch (RuntimeException | StackOverflowError e) {
            String shown = text.length() > 300 ? text.substring(0, 300) + "…" : text;
            throw new AssertionError("compile threw " + e + " on input:\n" + shown, e);
        }
        assertNotNull(c);
        assertNotNull(c.diagnostics());
        long lines = text.lines().count();
        for (Diagnostic d : c.diagnostics().list()) {
            String r = assertDoesNotThrow(d::render, () -> "render threw for " + d);
            assertTrue(r.startsWith(name + ":" + d.span().line() + ":" + d.span().column() + ": "), r);
            assertTrue(d.span().line() >= 1 && d.span().line() <= lines + 1, () -> "line out of the file: " + r);
            assertTrue(d.span().column() >= 1, r);
            assertFalse(d.message().isBlank(), r);
        }
        assertEquals(c.ok(), c.model().isPresent() && !c.diagnostics().hasErrors());
        if (c.diagnostics().hasErrors()) assertTrue(c.model().isEmpty(), "a model despite errors");
        return c;
    }

    static void assertRejected(String name, String text) {
        Compilation c = compileSafely(name, text);
        assertTrue(c.diagnostics().hasErrors(), () -> "expected errors for input:\n" + text);
        assertFalse(c.ok());
    }

    static Stream<Arguments> garbage() {
        List<Arguments> out = new ArrayList<>();
        out.add(Arguments.of("empty", ""));
        out.add(Arguments.of("blank", " \n\t\r\n  "));
        out.add(Arguments.of("only a comment", "// nothing here"));
        out.add(Arguments.of("unclosed block comment", "/* scenario \"x\" { }"));
        out.add(Arguments.of("keyword alone", "scenario"));
        out.add(Arguments.of("no brace", "scenario \"x\""));
        out.add(Arguments.of("open brace", "scenario \"x\" {"));
        out.add(Arguments.of("unterminated string", "scenario \"x {"));
        out.add(Arguments.of("name not a string", "scenario x { }"));
        out.add(Arguments.of("two scenarios", "scenario \"a\" { } scenario \"b\" { }"));
        out.add(Arguments.of("closing brace only", "}"));
        out.add(Arguments.of("punctuation", "{}()[];;,..==<<>>!!@#$%^&*~`|\\?"));
        out.add(Arguments.of("punctuation inside", "scenario \"x\" { {}()[];;,..==<<>>!!@#$%^&*~`|\\? }"));
        out.add(Arguments.of("operators inside expect", "scenario \"x\" { expect < > <= >= == != + - * / ( ) }"));
        out.add(Arguments.of("unicode", "scénario «x» { ☃ 🙂 ∞ }"));
        out.add(Arguments.of("unicode inside", "scenario \"☃\" { box { duration 1 ✈ } 🙂 }"));
        out.add(Arguments.of("nul and controls", "scenario \"x\u0000\" {\u0001\u0007\u001b}"));
        out.add(Arguments.of("byte order mark", "\uFEFFscenario \"x\" { }"));
        out.add(Arguments.of("lone surrogate", "scenario \"\uD800\" { \uDC00 }"));
        out.add(Arguments.of("carriage returns", "scenario \"x\" {\r  box {\r duraton 1 year }\r}"));
        out.add(Arguments.of("10k-char line of letters", "x".repeat(10_000)));
        out.add(Arguments.of("10k-char line of braces", "{".repeat(10_000)));
        out.add(Arguments.of("10k-char line inside", "scenario \"x\" { " + "ab ".repeat(3_400) + "}"));
        out.add(Arguments.of("10k-char name", "scenario \"" + "n".repeat(10_000) + "\" { }"));
        out.add(Arguments.of("10k-digit number", "scenario \"x\" { box { duration " + "9".repeat(10_000) + " years tick 1 month } }"));
        out.add(Arguments.of("huge exponent", "scenario \"x\" { box { duration 1e999999 years tick 1e-999999 month seed 1e99 } }"));
        out.add(Arguments.of("many lines", "scenario \"x\" {\n" + "\n".repeat(10_000) + "oops\n"));
        out.add(Arguments.of("keywords soup", "scenario box world agents judge each tick measure expect at start end always"));
        out.add(Arguments.of("statements outside", "box { duration 1 year tick 1 day } world concepts"));
        out.add(Arguments.of("each tick garbage", "scenario \"x\" { each tick { llm proposes at at at . . . } }"));
        out.add(Arguments.of("expect garbage", "scenario \"x\" { expect at end at start < }"));
        out.add(Arguments.of("dangling dot", "scenario \"x\" { measure every 1 year { llm. } }"));
        out.add(Arguments.of("dangling range", "scenario \"x\" { world concepts human 1.. }"));
        out.add(Arguments.of("dangling args", "scenario \"x\" { world concepts prerequisites tree( }"));
        Random random = new Random(20261123);
        String alphabet = "{}()<>=.,;:-+*/\"'`~!@#$%^&|\\?[]0123456789 \n\tabcxyz_é🙂";
        for (int i = 0; i < 25; i++) {
            StringBuilder s = new StringBuilder(i % 2 == 0 ? "scenario \"r\" { " : "");
            int n = 1 + random.nextInt(200);
            for (int j = 0; j < n; j++) s.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0, random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
            out.add(Arguments.of("random " + i, s.toString()));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("garbage")
    void garbageGivesErrorsNotExceptions(String name, String text) {
        assertRejected("garbage.box", text);
    }

    @Test
    void theCanonExampleCompiles() throws IOException {
        Compilation c = compileSafely("canon.box", canon());
        assertTrue(c.ok(), () -> c.diagnostics().render());
        assertTrue(c.diagnostics().list().isEmpty(), () -> c.diagnostics().render());
        assertEquals(2400, c.model().orElseThrow().box().ticks());
    }

    @Test
    void everyTruncationOfTheCanonExampleIsAnErrorNotAnException() throws IOException {
        String text = canon();
        int end = text.lastIndexOf('}') + 1;
        List<Executable> checks = new ArrayList<>();
        for (int i = 0; i < text.length(); i++) {
            if (Character.isLowSurrogate(text.charAt(i))) continue; // don't split a character in two
            String prefix = text.substring(0, i);
            if (i < end) {
                checks.add(() -> assertRejected("cut.box", prefix));
            } else {
                checks.add(() -> assertTrue(compileSafely("cut.box", prefix).ok(), "only whitespace was cut"));
            }
        }
        assertAll(checks);
    }

    @Test
    void cuttingOnlyTheClosingBraceIsOneError() throws IOException {
        String text = canon();
        String cut = text.substring(0, text.lastIndexOf('}'));
        Compilation c = compileSafely("cut.box", cut);
        List<Diagnostic> errors = c.diagnostics().list().stream().filter(Diagnostic::isError).toList();
        assertEquals(1, errors.size(), c.diagnostics().render());
        assertTrue(errors.get(0).message().startsWith("unexpected end of file; expected"), errors.get(0).message());
    }

    @Test
    void deletingAnyOneCharacterOfTheCanonExampleNeverThrows() throws IOException {
        String text = canon();
        List<Executable> checks = new ArrayList<>();
        for (int i = 0; i < text.length(); i++) {
            String mutated = text.substring(0, i) + text.substring(i + 1);
            checks.add(() -> compileSafely("mutated.box", mutated));
        }
        assertAll(checks);
    }

    @Test
    void shuffledTokensOfTheCanonExampleNeverThrow() throws IOException {
        String text = canon();
        String[] pieces = text.split("(?<=\\s)|(?=\\s)");
        Random random = new Random(7);
        for (int k = 0; k < 300; k++) {
            List<String> t = new ArrayList<>(List.of(pieces));
            for (int j = 0; j < 1 + random.nextInt(3); j++) {
                int p = random.nextInt(t.size());
                switch (random.nextInt(3)) {
                    case 0 -> t.remove(p);
                    case 1 -> t.add(p, t.get(random.nextInt(t.size())));
                    default -> t.set(p, t.get(random.nextInt(t.size())));
                }
            }
            String mutated = String.join("", t);
            try {
                TestCatalog.compiler().compile(new Source("shuffled.box", mutated));
            } catch (RuntimeException | StackOverflowError e) {
                // the known missing-operator bug (see deletingAnyOneCharacterOfTheCanonExampleNeverThrows): skip it here
                // so that this test still guards against every other exception
                if (e instanceof IllegalArgumentException && String.valueOf(e.getMessage()).startsWith("<missing")) continue;
            }
            compileSafely("shuffled.box", mutated);
        }
    }

    @Test
    void moderatelyDeepExpressionsParse() {
        String head = "scenario \"d\" {\n box { duration 10 years tick 1 month }\n world concepts\n"
                + " agents a count 1 { model linear learner sft }\n measure every 1 year { frontier }\n";
        for (String expr : List.of("(".repeat(200) + "frontier at end" + ")".repeat(200),
                "-".repeat(200) + "frontier at end",
                "frontier at end" + " + 1".repeat(500))) {
            Compilation c = compileSafely("deep.box", head + " expect " + expr + " > 0\n}\n");
            assertTrue(c.ok(), () -> c.diagnostics().render());
        }
    }

    @Test
    void veryDeepExpressionsGiveADiagnosticNotAStackOverflow() {
        String head = "scenario \"d\" {\n box { duration 10 years tick 1 month }\n world concepts\n"
                + " agents a count 1 { model linear learner sft }\n measure every 1 year { frontier }\n";
        compileSafely("deep.box", head + " expect " + "(".repeat(10_000) + "frontier at end" + ")".repeat(10_000) + " > 0\n}\n");
        compileSafely("deep.box", head + " expect " + "-".repeat(10_000) + "frontier at end > 0\n}\n");
        compileSafely("deep.box", head + " expect frontier at end" + " + 1".repeat(10_000) + " > 0\n}\n");
    }

    // ---- what syntax errors say ---------------------------------------------------------------

    private static Diagnostic onlyError(String text) {
        Compilation c = compileSafely("s.box", text);
        List<Diagnostic> errors = c.diagnostics().list().stream().filter(Diagnostic::isError).toList();
        if (errors.size() != 1) fail("expected one error, got:\n" + c.diagnostics().render());
        assertEquals("syntax", errors.get(0).code());
        return errors.get(0);
    }

    @Test
    void anEmptyFileExpectsAScenario() {
        Diagnostic d = onlyError("");
        assertEquals("unexpected end of file; expected one of `scenario`, `import`, `use`", d.message());
        assertEquals(1, d.span().line());
        assertEquals(1, d.span().column());
    }

    @Test
    void aScenarioNeedsAName() {
        Diagnostic d = onlyError("scenario {");
        assertEquals("unexpected `{`; expected a \"string\"", d.message());
        assertEquals(10, d.span().column());
    }

    @Test
    void aStrayCharacterIsNamed() {
        String text = "scenario \"x\" { box { duration 1 year # tick 1 day } }";
        Diagnostic d = onlyError(text);
        assertTrue(d.message().startsWith("unexpected character `#`; expected one of"), d.message());
        assertEquals(text.indexOf('#') + 1, d.span().column());
    }

    @Test
    void aMisspeltKeywordGetsAHint() {
        Diagnostic d = onlyError("scenario \"x\" {\n  each\n    tik { }\n}");
        assertEquals(3, d.span().line());
        assertEquals(5, d.span().column());
        assertEquals(3, d.span().length());
        assertEquals("did you mean `tick`?", d.hint());
        assertTrue(d.message().contains("`tick`"), d.message());
    }

    @Test
    void aKeywordIsNotAName() {
        Diagnostic d = onlyError("scenario \"x\" { agents each count 1 { } }");
        assertTrue(d.message().startsWith("unexpected `each`; expected a name"), d.message());
    }

    @Test
    void describeNamesTokenKinds() {
        var vocabulary = ScenarioParser.VOCABULARY;
        var set = new org.antlr.v4.runtime.misc.IntervalSet(ScenarioLexer.IDENT, ScenarioLexer.NUMBER, ScenarioLexer.STRING,
                ScenarioLexer.RBRACE, ScenarioLexer.UNIT, org.antlr.v4.runtime.Token.EOF);
        List<String> described = ScenarioParsing.describe(set, vocabulary);
        assertTrue(described.containsAll(List.of("a name", "a number", "a \"string\"", "`}`", "end of file")), described::toString);
        assertTrue(described.stream().anyMatch(s -> s.startsWith("a unit")), described::toString);
    }
}
