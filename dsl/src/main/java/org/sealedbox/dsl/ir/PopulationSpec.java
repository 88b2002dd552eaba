package org.sealedbox.dsl.ir;

import org.sealedbox.dsl.source.Span;

import org.sealedbox.dsl.schema.ParamValues;

/**
 * One population of agents sharing a model.
 *
 * @param lifetimeTicks ticks an agent lives before a fresh pretrained copy replaces it (keeping its notes); 0 means forever
 * @param context       capacity of each agent's notes
 * @param recall        how agents learn from their notes in context: {@code steps}, {@code lr}
 */
public record PopulationSpec(String name, int count, PluginUse model, PluginUse pretrain, PluginUse learner,
                             PluginUse confidence, long lifetimeTicks, int context, ParamValues recall, Span span) {}
