package org.sealedbox.dsl.ir;

import org.sealedbox.dsl.source.Span;

/**
 * One population of agents sharing a model.
 *
 * @param lifetimeTicks ticks an agent lives before a fresh pretrained copy replaces it; 0 means forever
 */
public record PopulationSpec(String name, int count, PluginUse model, PluginUse pretrain, PluginUse learner,
                             PluginUse confidence, long lifetimeTicks, int context, Span span) {}
