package org.sealedbox.dsl.schema;

import java.util.List;
import org.sealedbox.dsl.diag.Diagnostics;
import org.sealedbox.dsl.ir.ScriptUse;
import org.sealedbox.dsl.source.Source;

/**
 * A catalog that can widen itself for one scenario: the plugins of the scripts it {@code use}s, and those in a
 * {@code plugins/} folder next to its file. The DSL knows only that such plugins exist; loading them is the runtime's.
 */
public interface PluginScope extends PluginCatalog {
    /**
     * The catalog to check the scenario in {@code main} against. Problems (a script that does not compile, or that
     * names a plugin already installed) are reported to {@code diagnostics}, at the {@code use} that names the script.
     */
    PluginCatalog scope(Source main, List<ScriptUse> scripts, Diagnostics diagnostics);
}
