package org.sealedbox.runtime.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.sealedbox.dsl.ScenarioCompiler;
import org.sealedbox.dsl.ir.ScenarioModel;
import org.sealedbox.runtime.ScenarioLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Checks scenario files without running them: syntax, names, plugin parameters, units.",
                "Prints every problem as file:line:col with the line, a caret and a hint. Exit 0 if all are clean, 1 if not."})
final class CheckCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "scenario files (*.box)")
    List<Path> files;

    @Mixin
    PluginOptions plugins;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        var registry = plugins.registry(err);
        if (registry == null) return Main.BAD_INPUT;
        ScenarioLoader loader = new ScenarioLoader(registry);
        int bad = 0;
        for (Path file : files) {
            ScenarioCompiler.Compilation c = Loading.load(loader, file, err);
            if (c == null) {
                bad++;
                continue;
            }
            String rendered = c.diagnostics().render();
            if (!rendered.isEmpty()) err.print(rendered);
            if (c.ok()) {
                ScenarioModel m = c.model().get();
                out.printf("%s: ok — \"%s\", %d ticks, %d population%s, %d expectation%s%n", file, m.name(), m.box().ticks(),
                        m.populations().size(), m.populations().size() == 1 ? "" : "s", m.expectations().size(),
                        m.expectations().size() == 1 ? "" : "s");
            } else {
                bad++;
                int n = c.diagnostics().errorCount();
                err.printf("%s: %d error%s%n", file, n, n == 1 ? "" : "s");
            }
        }
        err.flush();
        out.flush();
        return bad == 0 ? Main.OK : Main.FAILED;
    }
}
