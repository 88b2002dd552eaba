package org.sealedbox.runtime.cli;

import java.util.concurrent.Callable;
import org.sealedbox.dsl.schema.ParamSpec;
import org.sealedbox.dsl.schema.PluginKind;
import org.sealedbox.dsl.schema.PluginSchema;
import org.sealedbox.runtime.wiring.PluginRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = {"Lists every installed plugin by kind, with its parameters: type, default and what it means.",
                "Plugins from --plugins folders say which jar they come from."})
final class PluginsCommand implements Callable<Integer> {
    @Mixin
    PluginOptions plugins;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        PluginRegistry registry = plugins.registry(spec.commandLine().getErr());
        if (registry == null) return Main.BAD_INPUT;
        for (PluginKind kind : PluginKind.values()) {
            out.println(kind.plural().toUpperCase(java.util.Locale.ROOT) + "  (" + kind.keyword() + " NAME …)");
            for (PluginSchema s : registry.all(kind)) {
                String from = registry.source(kind, s.name()).filter(f -> !f.startsWith("the installed plugins")).map(f -> "  [from " + f + "]").orElse("");
                out.printf("  %-18s %s%s%n", s.name(), s.doc(), from);
                for (ParamSpec p : s.params()) {
                    out.printf("      %-16s %-34s default %-12s %s%n", p.name(), p.type().describe(), p.describeDefault(), p.doc());
                }
            }
            out.println();
        }
        out.flush();
        return Main.OK;
    }
}
