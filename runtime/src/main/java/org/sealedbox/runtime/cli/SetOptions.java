package org.sealedbox.runtime.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sealedbox.dsl.ScenarioCompiler;
import org.sealedbox.runtime.Recipe;
import org.sealedbox.runtime.ScenarioLoader;
import picocli.CommandLine.Option;

/** {@code --set path=value}, repeatable: settings changed for this run, checked like the file itself. */
final class SetOptions {
    @Option(names = "--set", paramLabel = "PATH=VALUE",
            description = {"change a setting, checked like the file: seed, duration, tick, checkpoint, world.PARAM,",
                    "POP.count, POP.model|pretrain|learner|confidence.PARAM, judge.NAME (repeatable;",
                    "e.g. --set llm.learner.lr=0.02 --set duration=\"20 years\")"})
    Map<String, String> sets = new LinkedHashMap<>();

    Map<String, String> values() {
        return sets;
    }

    /**
     * The recipe's scenario compiled with its overrides, its warnings printed; or null after printing why not (the
     * file's or the variant's diagnostics, or the override path that names nothing).
     */
    static ScenarioCompiler.Compilation compile(Recipe recipe, ScenarioLoader loader, PrintWriter err) {
        ScenarioCompiler.Compilation c;
        try {
            c = Loading.readable(recipe.path(), err) ? recipe.compile(loader) : null;
        } catch (IllegalArgumentException e) {
            err.println("--set: " + e.getMessage());
            err.flush();
            return null;
        } catch (java.nio.charset.MalformedInputException e) {
            err.println(recipe.file() + ": not UTF-8 text");
            return null;
        } catch (IOException e) {
            err.println(recipe.file() + ": cannot read: " + e.getMessage());
            return null;
        }
        if (c == null) return null;
        err.print(c.diagnostics().render());
        if (!c.ok()) {
            int n = c.diagnostics().errorCount();
            err.printf("%s: %d error%s; nothing was run%n", c.source().name(), n, n == 1 ? "" : "s");
            err.flush();
            return null;
        }
        err.flush();
        return c;
    }
}
