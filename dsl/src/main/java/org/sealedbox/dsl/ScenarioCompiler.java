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
        ScenarioParsing.Result parsed = ScenarioParsing.parse(source);
        Diagnostics diagnostics = new Diagnostics();
        diagnostics.addAll(parsed.diagnostics());
        Optional<ScenarioModel> model = new Validator(catalog, diagnostics, parsed.diagnostics().hasErrors()).validate(parsed.ast());
        return new Compilation(source, model, diagnostics);
    }

    /** Reads a file as UTF-8; the name shown in diagnostics is the path as given. */
    public static Source read(Path file) throws IOException {
        return new Source(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    }
}
