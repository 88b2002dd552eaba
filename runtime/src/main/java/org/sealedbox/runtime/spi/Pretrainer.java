package org.sealedbox.runtime.spi;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;

/** Pretraining: turns a fresh model into the starting point of every agent of a generation. */
public interface Pretrainer {
    /** The human data this pretrainer trains generation 0 on: x [M, D], y [M, k]. */
    World.Batch humanData(World world, Random rng);

    /**
     * Trains {@code model} (one agent) in place on {@code data} (x [M, D], y [M, k]), of which {@code human} [M] marks
     * the human examples, and reports the data to {@code record} so that exposure and signal include pretraining.
     */
    void fit(Model model, World.Batch data, INDArray human, World world, Random rng, TrainingRecord record);

    /**
     * Whether every agent starts as a copy of one pretrained model (true: the LLM picture), or as its own fresh
     * model, with no pretraining to share (false: e.g. random genomes at the start of evolution).
     */
    default boolean clones() {
        return true;
    }
}
