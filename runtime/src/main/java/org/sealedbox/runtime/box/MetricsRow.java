package org.sealedbox.runtime.box;

import java.util.Map;

/** The measures taken at one point in box time, in the order of the scenario's measure block. */
public record MetricsRow(long tick, double time, Map<String, Double> values) {}
