package org.sealedbox.dsl;

import org.sealedbox.dsl.ast.Ast;
import org.sealedbox.dsl.check.Inheritance;
import org.sealedbox.dsl.diag.Suggestions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sealedbox.dsl.ir.ScriptUse;
import org.sealedbox.dsl.schema.PluginScope;
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
            java.util.Deque<String> stack = new java.util.ArrayDeque<>();
            stack.push(key(source));
            int before = diagnostics.errorCount();
            List<ScriptUse> scripts = new ArrayList<>();
            Ast.ScenarioNode ast = inherit(parsed.ast(), source, diagnostics, stack, scripts);
            int beforeScope = diagnostics.errorCount();
            PluginCatalog scoped = scope(source, scripts, diagnostics);
            boolean pluginsFailed = diagnostics.errorCount() > beforeScope;
            boolean partial = parsed.diagnostics().hasErrors() || diagnostics.errorCount() > before;
            Optional<ScenarioModel> model = new Validator(scoped, diagnostics, partial).validate(ast).map(m -> m.withScripts(scripts));
            // a script that does not compile defines nothing: the names it would have defined are not news
            if (pluginsFailed) diagnostics.removeIf(d -> d.code().equals("unknown-plugin"));
            return new Compilation(source, model, diagnostics);
        } catch (StackOverflowError deep) {
            Diagnostics d = new Diagnostics();
            d.error("too-deep", new Span(source, 1, 1, 1), "the scenario nests too deeply to be read",
                    "keep expressions and parentheses under a few hundred levels deep");
            return new Compilation(source, Optional.empty(), d);
        }
    }

    /** The catalog widened by the scenario's scripts and neighbouring plugins, where the catalog can widen itself. */
    private PluginCatalog scope(Source source, List<ScriptUse> scripts, Diagnostics d) {
        if (catalog instanceof PluginScope s) return s.scope(source, scripts, d);
        for (ScriptUse u : scripts) {
            d.error("use", u.span(), "plugin scripts are loaded by the sealedbox runtime, which is not here", null);
        }
        return catalog;
    }

    private static String key(Source source) {
        return Path.of(source.name()).toAbsolutePath().normalize().toString();
    }

    /**
     * Reads the files {@code ast} imports (relative to its own file) and, when it extends one of their scenarios, returns
     * it with the parent's parts under its own (see {@link Inheritance}). Problems become diagnostics at the import or
     * the {@code extends}; the scenario is then returned as written. The scripts every file read {@code use}s are added
     * to {@code scripts}.
     */
    private Ast.ScenarioNode inherit(Ast.ScenarioNode ast, Source source, Diagnostics d, java.util.Deque<String> stack,
                                     List<ScriptUse> scripts) {
        java.util.Map<String, Ast.ScenarioNode> imported = new java.util.LinkedHashMap<>();
        Path dir = Path.of(source.name()).toAbsolutePath().getParent();
        for (Ast.Use u : ast.uses()) {
            Path path = dir.resolve(u.path()).normalize();
            if (scripts.stream().noneMatch(s -> s.path().equals(path))) scripts.add(new ScriptUse(path, u.span()));
        }
        for (Ast.Import im : ast.imports()) {
            Path path = dir.resolve(im.path()).normalize();
            Path cwd = Path.of("").toAbsolutePath();
            if (path.startsWith(cwd)) path = cwd.relativize(path); // shown in diagnostics and reports as the user would write it
            Source s;
            try {
                s = read(path);
            } catch (java.nio.file.NoSuchFileException e) {
                d.error("import", im.span(), "there is no file `" + im.path() + "` next to " + Path.of(source.name()).getFileName(),
                        "the path is relative to this file's folder, " + dir);
                continue;
            } catch (IOException e) {
                d.error("import", im.span(), "cannot read `" + im.path() + "`: " + e.getMessage(), null);
                continue;
            }
            String k = key(s);
            if (stack.contains(k)) {
                d.error("import", im.span(), "`" + im.path() + "` imports this file in turn: imports cannot go round in a circle", null);
                continue;
            }
            ScenarioParsing.Result r = ScenarioParsing.parse(s);
            d.addAll(r.diagnostics());
            if (r.diagnostics().hasErrors()) continue;
            stack.push(k);
            Ast.ScenarioNode resolved = inherit(r.ast(), s, d, stack, scripts);
            stack.pop();
            imported.put(resolved.name(), resolved);
        }
        if (ast.parent() == null) return ast;
        Ast.ScenarioNode parent = imported.get(ast.parent());
        if (parent == null) {
            d.error("unknown-name", ast.parentSpan(), "no imported scenario is named \"" + ast.parent() + "\"",
                    imported.isEmpty() ? "import the file it is in: `import \"file.box\"` above the scenario"
                            : Suggestions.hint(ast.parent(), imported.keySet(), "imported scenarios"));
            return ast;
        }
        return ast.withItems(Inheritance.merge(parent.items(), ast.items()));
    }

    /** Reads a file as UTF-8; the name shown in diagnostics is the path as given. */
    public static Source read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) text = text.substring(1); // a byte-order mark is not part of the scenario
        return new Source(file.toString(), text);
    }
}
