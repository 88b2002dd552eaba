package org.sealedbox.runtime.spi;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;

/** Decides which proposals become training data, and with what label. */
public interface Judge {
    Verdict judge(Proposals proposals, Context context);

    /** @param accepted [N, P] 0/1; @param labels [N, P, k], the labels to train on */
    record Verdict(INDArray accepted, INDArray labels) {}

    /**
     * What a judge may consult: the world (for consequences: the only door to the truth), the population
     * whose proposals it judges (its current and pretrained models, for self- and peer-judgement), and its
     * own random stream.
     */
    record Context(World world, PopulationView population, Random rng) {}
}
