package org.sealedbox.runtime.spi;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;

/** Decides which proposals become training data, and with what label. */
public interface Judge {
    Verdict judge(Proposals proposals, World world, Random rng);

    /** @param accepted [N, P] 0/1; @param labels [N, P, k], the labels to train on */
    record Verdict(INDArray accepted, INDArray labels) {}
}
