package org.sealedbox.runtime;

import java.util.Optional;
import org.sealedbox.dsl.ScenarioCompiler;
import org.sealedbox.dsl.diag.Diagnostics;
import org.sealedbox.dsl.ir.PluginUse;
import org.sealedbox.dsl.ir.PopulationSpec;
import org.sealedbox.dsl.ir.ScenarioModel;
import org.sealedbox.dsl.schema.PluginKind;
import org.sealedbox.dsl.source.Source;
import org.sealedbox.runtime.spi.WorldFactory;
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
        PluginRegistry scoped = registry.forScenario(m); // the plugins the compiler saw, scripts included
        check(scoped, m, m.world(), d);
        for (PopulationSpec p : m.populations()) {
            for (PluginUse use : new PluginUse[] {p.model(), p.pretrain(), p.learner(), p.confidence()}) check(scoped, m, use, d);
            recall(m, p, d);
        }
        m.judges().values().stream().filter(j -> j.plugin() != null).forEach(j -> check(scoped, m, j.plugin(), d));
        m.measures().measures().forEach(ms -> check(scoped, m, ms.plugin(), d));
        return d.errorCount() > before ? new ScenarioCompiler.Compilation(source, Optional.empty(), d) : c;
    }

    /** Learning in context is gradient descent too: the same stability bound, and a cost worth knowing. */
    private void recall(ScenarioModel m, PopulationSpec p, Diagnostics d) {
        long steps = p.recall().integer("steps");
        if (p.context() == 0 || steps == 0) return;
        WorldFactory wf = registry.factory(PluginKind.WORLD, m.world().name(), WorldFactory.class);
        double energy = wf.inputEnergy(m.world().params()), lr = p.recall().real("lr");
        if (lr * energy >= 2) {
            d.error("unstable", p.span(), String.format(java.util.Locale.ROOT,
                    "learning from notes in context would diverge: lr × E‖x‖² = %.3g ≥ 2", lr * energy),
                    String.format(java.util.Locale.ROOT, "use `context %d steps %d lr` below %.3g", p.context(), steps, 2 / energy));
        }
        double cost = (double) steps * p.context() * wf.dims(m.world().params()); // k·C·D multiply-adds per agent per use
        if (cost > 5e6) {
            d.warning("cost", p.span(), String.format(java.util.Locale.ROOT,
                    "in-context learning costs about %.2g operations per agent per prediction (k·C·D)", cost), "fewer steps or notes run faster");
        }
    }

    private static void check(PluginRegistry registry, ScenarioModel m, PluginUse use, Diagnostics d) {
        registry.factory(use.kind(), use.name()).validate(m, use, registry, d);
    }
}
