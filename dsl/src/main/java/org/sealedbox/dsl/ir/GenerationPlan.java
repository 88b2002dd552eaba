package org.sealedbox.dsl.ir;

import java.util.List;
import org.sealedbox.dsl.schema.ParamValues;
import org.sealedbox.dsl.source.Span;

/**
 * Generations: every {@code everyTicks} ticks (after that tick's measurement) each listed population is replaced by
 * a new generation pretrained from scratch. {@code everyTicks == 0}: no generations.
 */
public record GenerationPlan(long everyTicks, List<Regeneration> populations) {
    public static final GenerationPlan NONE = new GenerationPlan(0, List.of());

    /** @param params {@code corpus} (accumulate | replace) and {@code fresh} (share of fresh human data) */
    public record Regeneration(String population, ParamValues params, Span span) {}
}
