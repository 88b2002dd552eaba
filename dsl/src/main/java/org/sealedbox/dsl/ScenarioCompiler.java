package org.sealedbox.dsl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.sealedbox.dsl.check.Validator;
import org.sealedbox.dsl.diag.Diagnostics;
import org.sealedbox.dsl.ir.ScenarioModel;
import org.sealedbox.dsl.parse.ScenarioParsing;
import org.sealedbox.dsl.schema.PluginCatalog;
import org.sealedbox.dsl.source.Source;
import org.sealedbox.dsl.source.Span;

/** The DSL's front door: text → parse tree → AST → validated IR, with every diagnostic collected on the way. */
public final class ScenarioCompiler {
    private final PluginCatalog catalog;

    public ScenarioCompiler(PluginCatalog catalog) {
        this.catalog = catalog;
    }

    /** @param model present only when there were no errors (warnings may be in {@code diagnostics}) */
    public record Compilation(Source source, Optional<ScenarioModel> model, Diagnostics diagnostics) {
        public boolean ok() {
            return model.isPresent() && !diagnostics.hasErrors();
        }
    }

    public Compilation compile(Source source) {
        try {
            ScenarioParsing.Result parsed = ScenarioParsing.parse(source);
            Diagnostics diagnostics = new Diagnostics();
            diagnostics.addAll(parsed.diagnostics());
            Optional<ScenarioModel> model = new Validator(catalog, diagnostics, parsed.diagnostics().hasErrors()).validate(parsed.ast());
            return new Compilation(source, model, diagnostics);
        } catch (StackOverflowError deep) {
            Diagnostics d = new Diagnostics();
            d.error("too-deep", new Span(source, 1, 1, 1), "the scenario nests too deeply to be read",
                    "keep expressions and parentheses under a few hundred levels deep");
            return new Compilation(source, Optional.empty(), d);
        }
    }

    /** Reads a file as UTF-8; the name shown in diagnostics is the path as given. */
    public static Source read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) text = text.substring(1); // a byte-order mark is not part of the scenario
        return new Source(file.toString(), text);
    }
}
