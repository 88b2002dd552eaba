package org.sealedbox.runtime.spi;

import org.sealedbox.dsl.diag.Diagnostics;
import org.sealedbox.dsl.ir.PluginUse;
import org.sealedbox.dsl.ir.ScenarioModel;
import org.sealedbox.dsl.schema.PluginSchema;

/**
 * What every plugin factory declares. Factories are bound by name in Guice MapBinders (see {@link Plugins});
 * they must not touch ND4J until {@code create} is called, so that {@code sealedbox check} stays fast.
 */
public interface PluginFactory {
    PluginSchema schema();

    /**
     * Checks that need more than one plugin's parameters (e.g. a learning rate against the world's
     * input scale). Runs after the DSL's own validation, before any tensor exists. Default: nothing to check.
     */
    default void validate(ScenarioModel scenario, PluginUse self, PluginLookup lookup, Diagnostics diagnostics) {}
}
