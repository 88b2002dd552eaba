package org.sealedbox.dsl.ir;

import java.util.List;
import org.sealedbox.dsl.source.Span;

/** What is measured, and every how many ticks (tick 0 and the last tick are always measured). */
public record MeasurePlan(long everyTicks, List<MeasureSpec> measures) {

    /**
     * @param key the column name in results: {@code accuracy(human)}, or {@code pop.frontier} when the
     *            scenario has several populations
     */
    public record MeasureSpec(String key, String population, PluginUse plugin, Span span) {}
}
