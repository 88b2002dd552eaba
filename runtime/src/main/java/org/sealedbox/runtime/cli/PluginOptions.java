package org.sealedbox.runtime.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sealedbox.runtime.wiring.PluginLoadException;
import org.sealedbox.runtime.wiring.PluginRegistry;
import org.sealedbox.runtime.wiring.Wiring;
import picocli.CommandLine.Option;

/** The options every command that loads plugins shares: plugin folders, and whether scenario scripts are trusted. */
final class PluginOptions {
    @Option(names = "--plugins", paramLabel = "DIR",
            description = {"a folder of plugin jars to install (repeatable); the jars in a plugins/ folder next to a",
                    "scenario file are installed for that scenario without it"})
    List<Path> folders = new ArrayList<>();

    @Option(names = "--trust",
            description = {"run the Groovy scripts that scenarios `use` without the sandbox (which refuses file, network,",
                    "process and reflection access); only for scripts you trust"})
    boolean trust;

    /** The registry, or null after telling the user why a plugin could not be installed. */
    PluginRegistry registry(PrintWriter err) {
        return installed(() -> Wiring.registry(folders, trust), err);
    }

    /** A recipe's registry (its plugin folders, as the run or sweep it records was given), or null after saying why not. */
    static PluginRegistry registry(org.sealedbox.runtime.Recipe recipe, PrintWriter err) {
        return installed(recipe::registry, err);
    }

    private static PluginRegistry installed(java.util.function.Supplier<PluginRegistry> registry, PrintWriter err) {
        try {
            return registry.get();
        } catch (PluginLoadException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return null;
        }
    }
}
