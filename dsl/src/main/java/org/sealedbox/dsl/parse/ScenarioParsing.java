package org.sealedbox.dsl.parse;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.*;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.antlr.v4.runtime.misc.ParseCancellationException;
import org.sealedbox.dsl.ast.Ast;
import org.sealedbox.dsl.diag.Diagnostics;
import org.sealedbox.dsl.diag.Suggestions;
import org.sealedbox.dsl.source.Source;
import org.sealedbox.dsl.source.Span;

/**
 * Text → parse tree → AST. ANTLR's console listeners are replaced by one that turns every
 * syntax error into a {@link org.sealedbox.dsl.diag.Diagnostic} saying what was expected.
 * Parses with SLL first and falls back to full LL only when SLL fails (the Trino way).
 */
public final class ScenarioParsing {
    private ScenarioParsing() {}

    public record Result(Ast.ScenarioNode ast, Diagnostics diagnostics) {}

    public static Result parse(Source source) {
        Diagnostics diagnostics = new Diagnostics();
        ScenarioParser.FileContext tree;
        try {
            ScenarioParser parser = parser(source, new BailErrorStrategy(), null);
            parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
            tree = parser.file();
        } catch (ParseCancellationException sllFailed) {
            ScenarioParser parser = parser(source, new DefaultErrorStrategy(), diagnostics);
            parser.getInterpreter().setPredictionMode(PredictionMode.LL);
            tree = parser.file();
        }
        return new Result(new AstBuilder(source, diagnostics).build(tree), diagnostics);
    }

    private static ScenarioParser parser(Source source, ANTLRErrorStrategy strategy, Diagnostics diagnostics) {
        ScenarioLexer lexer = new ScenarioLexer(CharStreams.fromString(source.text(), source.name()));
        lexer.removeErrorListeners();
        ScenarioParser parser = new ScenarioParser(new CommonTokenStream(lexer));
        parser.removeErrorListeners();
        parser.setErrorHandler(strategy);
        if (diagnostics != null) {
            // lexer errors cannot happen: ERROR_CHAR catches every stray character as a token
            parser.addErrorListener(new Listener(source, diagnostics));
        }
        return parser;
    }

    /** Turns ANTLR's syntax errors into diagnostics a newcomer can act on. */
    private static final class Listener extends BaseErrorListener {
        private final Source source;
        private final Diagnostics diagnostics;
        private int lastLine = -1;
        private int reported;

        Listener(Source source, Diagnostics diagnostics) {
            this.source = source;
            this.diagnostics = diagnostics;
        }

        @Override
        public void syntaxError(Recognizer<?, ?> recognizer, Object offending, int line, int col, String msg,
                                RecognitionException e) {
            if (line == lastLine) return; // one report per line: recovery tends to cascade
            lastLine = line;
            Token token = offending instanceof Token t ? t : null;
            Parser parser = (Parser) recognizer;
            IntervalSet expected = e != null && e.getExpectedTokens() != null ? e.getExpectedTokens() : parser.getExpectedTokens();
            List<String> wanted = describe(expected, parser.getVocabulary());
            // after an error, recovery often leaves the scenario block early and then trips over the rest of
            // the file: that second report says nothing new
            if (reported > 0 && wanted.equals(List.of("end of file"))) return;
            reported++;
            String found = token == null ? "input" : token.getType() == Token.EOF ? "end of file" : "`" + token.getText() + "`";
            String message = "unexpected " + found + (wanted.isEmpty() ? "" : "; expected " + join(wanted));
            String hint = null;
            if (token != null && token.getType() == ScenarioLexer.IDENT) {
                Set<String> keywords = new LinkedHashSet<>();
                for (int type : expected.toArray()) {
                    String lit = parser.getVocabulary().getLiteralName(type);
                    if (lit != null && Character.isLetter(lit.charAt(1))) keywords.add(lit.substring(1, lit.length() - 1));
                }
                hint = Suggestions.nearest(token.getText(), keywords).map(k -> "did you mean `" + k + "`?").orElse(null);
            }
            if (token != null && token.getType() == ScenarioLexer.ERROR_CHAR) {
                message = "unexpected character `" + token.getText() + "`" + (wanted.isEmpty() ? "" : "; expected " + join(wanted));
            }
            int length = token == null || token.getType() == Token.EOF ? 1 : token.getStopIndex() - token.getStartIndex() + 1;
            diagnostics.error("syntax", new Span(source, line, col + 1, length), message, hint);
        }
    }

    static List<String> describe(IntervalSet set, Vocabulary vocabulary) {
        List<String> out = new ArrayList<>();
        for (int type : set.toArray()) {
            String name = switch (type) {
                case Token.EOF -> "end of file";
                case ScenarioLexer.IDENT -> "a name";
                case ScenarioLexer.NUMBER -> "a number";
                case ScenarioLexer.STRING -> "a \"string\"";
                case ScenarioLexer.UNIT -> "a unit (tick, hour, day, week, month, year)";
                default -> {
                    String lit = vocabulary.getLiteralName(type);
                    yield lit == null ? vocabulary.getDisplayName(type) : "`" + lit.substring(1, lit.length() - 1) + "`";
                }
            };
            if (!out.contains(name)) out.add(name);
        }
        return out;
    }

    private static String join(List<String> items) {
        if (items.size() == 1) return items.get(0);
        if (items.size() > 16) return "one of " + String.join(", ", items.subList(0, 16)) + ", …";
        return "one of " + String.join(", ", items);
    }
}
