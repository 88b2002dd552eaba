package org.sealedbox.runtime.spi;

import org.nd4j.linalg.api.rng.Random;

/** Turns what a judge let through into changes of a population's weights. */
public interface Learner {
    /**
     * @param accepted inputs [N, P, D], labels [N, P, k] of this tick's proposals
     * @param mask     [N, P]: 1 where the judge accepted the proposal
     */
    void learn(Model model, World.Batch accepted, org.nd4j.linalg.api.ndarray.INDArray mask, World world, Random rng,
               TrainingRecord record);

    /** Every agent was just replaced by a fresh pretrained copy: forget what the learner kept about the old ones. */
    default void reset() {}
}
