package org.sealedbox.runtime.spi;

import org.nd4j.linalg.api.rng.Random;

/** Pretraining: turns a fresh model into the starting point of every agent. */
public interface Pretrainer {
    /**
     * Trains {@code model} in place and reports each batch of training data to {@code record}, so that
     * the population's exposure and signal accounting include pretraining.
     */
    void pretrain(Model model, World world, Random rng, TrainingRecord record);
}
