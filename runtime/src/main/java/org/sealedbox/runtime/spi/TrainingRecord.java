package org.sealedbox.runtime.spi;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Where learners report what they trained on: the inputs x [N, B, D], a mask [N, B] of the examples
 * actually used, and a mask [N, B] of those that came from human data.
 */
public interface TrainingRecord {
    void trained(INDArray x, INDArray used, INDArray human);
}
