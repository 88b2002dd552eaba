package org.sealedbox.runtime;

import java.util.Optional;
import org.sealedbox.dsl.ScenarioCompiler;
import org.sealedbox.dsl.diag.Diagnostics;
import org.sealedbox.dsl.ir.PluginUse;
import org.sealedbox.dsl.ir.PopulationSpec;
import org.sealedbox.dsl.ir.ScenarioModel;
import org.sealedbox.dsl.source.Source;
import org.sealedbox.runtime.wiring.PluginRegistry;

/**
 * Text → validated IR, including the checks only plugins can make (stability of a learning rate in a
 * given world, field ranges against the world's size). Touches no tensor: {@code check} stays fast.
 */
public final class ScenarioLoader {
    private final PluginRegistry registry;

    public ScenarioLoader(PluginRegistry registry) {
        this.registry = registry;
    }

    public PluginRegistry registry() {
        return registry;
    }

    public ScenarioCompiler.Compilation load(Source source) {
        ScenarioCompiler.Compilation c = new ScenarioCompiler(registry).compile(source);
        if (c.model().isEmpty()) return c;
        ScenarioModel m = c.model().get();
        Diagnostics d = c.diagnostics();
        int before = d.errorCount();
        check(m, m.world(), d);
        for (PopulationSpec p : m.populations()) {
            for (PluginUse use : new PluginUse[] {p.model(), p.pretrain(), p.learner(), p.confidence()}) check(m, use, d);
        }
        m.judges().values().stream().filter(j -> j.plugin() != null).forEach(j -> check(m, j.plugin(), d));
        m.measures().measures().forEach(ms -> check(m, ms.plugin(), d));
        return d.errorCount() > before ? new ScenarioCompiler.Compilation(source, Optional.empty(), d) : c;
    }

    private void check(ScenarioModel m, PluginUse use, Diagnostics d) {
        registry.factory(use.kind(), use.name()).validate(m, use, registry, d);
    }
}
