package org.sealedbox.runtime.spi;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Where learners report what they trained on: the inputs x [N, B, D], a mask [N, B] of the examples
 * actually used, a mask [N, B] of those that came from human data, and the total step size they were
 * trained with (learning rate × steps or epochs). Exposure (what confidence feeds on) counts examples;
 * training signal (what {@code pretraining_share} compares) counts examples × step size.
 */
public interface TrainingRecord {
    void trained(INDArray x, INDArray used, INDArray human, double stepSize);
}
