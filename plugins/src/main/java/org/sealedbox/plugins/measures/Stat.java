package org.sealedbox.plugins.measures;

import org.nd4j.linalg.api.ndarray.INDArray;

/** How a per-agent quantity becomes one number: mean, median or max over the population. */
final class Stat {
    private Stat() {}

    static double of(String stat, INDArray perAgent) {
        INDArray v = perAgent.reshape(perAgent.length());
        return switch (stat) {
            case "median" -> v.medianNumber().doubleValue();
            case "max" -> v.maxNumber().doubleValue();
            default -> v.meanNumber().doubleValue();
        };
    }
}
