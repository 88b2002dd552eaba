package org.sealedbox.plugins.measures;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sealedbox.dsl.schema.ParamSpec;
import org.sealedbox.dsl.schema.ParamType;

/** How a per-agent quantity becomes one number: mean, median or max over the population. */
final class Stat {
    private Stat() {}

    static ParamSpec param() {
        return ParamSpec.choice("stat", "mean", new ParamType.ChoiceType(List.of(ParamType.Option.plain("mean"),
                ParamType.Option.plain("median"), ParamType.Option.plain("max"))), "summary over agents: mean, median or max");
    }

    static double of(String stat, INDArray perAgent) {
        INDArray v = perAgent.reshape(perAgent.length());
        return switch (stat) {
            case "median" -> v.medianNumber().doubleValue();
            case "max" -> v.maxNumber().doubleValue();
            default -> v.meanNumber().doubleValue();
        };
    }
}
