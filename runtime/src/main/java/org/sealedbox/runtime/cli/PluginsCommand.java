package org.sealedbox.runtime.cli;

import java.util.concurrent.Callable;
import org.sealedbox.dsl.schema.ParamSpec;
import org.sealedbox.dsl.schema.PluginKind;
import org.sealedbox.dsl.schema.PluginSchema;
import org.sealedbox.runtime.wiring.PluginRegistry;
import org.sealedbox.runtime.wiring.Wiring;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = "Lists every installed plugin by kind, with its parameters: type, default and what it means.")
final class PluginsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        PluginRegistry registry = Wiring.registry();
        for (PluginKind kind : PluginKind.values()) {
            out.println(kind.plural().toUpperCase(java.util.Locale.ROOT) + "  (" + kind.keyword() + " NAME …)");
            for (PluginSchema s : registry.all(kind)) {
                out.printf("  %-18s %s%n", s.name(), s.doc());
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
