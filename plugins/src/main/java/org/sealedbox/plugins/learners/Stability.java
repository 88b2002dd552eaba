package org.sealedbox.plugins.learners;

import org.sealedbox.dsl.diag.Diagnostics;
import org.sealedbox.dsl.ir.PluginUse;
import org.sealedbox.dsl.ir.ScenarioModel;
import org.sealedbox.dsl.schema.PluginKind;
import org.sealedbox.runtime.spi.PluginLookup;
import org.sealedbox.runtime.spi.WorldFactory;

/**
 * SGD on squared error diverges when lr × E‖x‖² ≥ 2 (E‖x‖² grows as α → 1). Checked at validate time, so a
 * diverging scenario is refused before tick 1 with the largest stable rate.
 */
final class Stability {
    private Stability() {}

    static void check(ScenarioModel scenario, PluginUse self, double lr, PluginLookup lookup, Diagnostics d) {
        PluginUse world = scenario.world();
        if (!(lookup.factory(PluginKind.WORLD, world.name()) instanceof WorldFactory wf)) return;
        double energy = wf.inputEnergy(world.params());
        if (lr * energy >= 2) {
            d.error("unstable", self.span(), String.format(java.util.Locale.ROOT,
                            "`%s` would diverge: lr × E‖x‖² = %.3g × %.3g = %.3g ≥ 2", self.name(), lr, energy, lr * energy),
                    String.format(java.util.Locale.ROOT, "use lr < %.3g in this world", 2 / energy));
        }
    }
}
