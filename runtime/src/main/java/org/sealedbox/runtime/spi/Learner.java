package org.sealedbox.runtime.spi;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;

/** Turns what a judge let through into changes of a population's weights. */
public interface Learner {
    /**
     * @param accepted inputs [N, P, D], labels [N, P, k] of this tick's proposals
     * @param mask     [N, P]: 1 where the judge accepted the proposal
     */
    void learn(Model model, World.Batch accepted, org.nd4j.linalg.api.ndarray.INDArray mask, World world, Random rng,
               TrainingRecord record);

    /**
     * Learns from one tick's lesson. The default hands the accepted pairs to {@link #learn(Model, World.Batch, INDArray,
     * World, Random, TrainingRecord)}; learners that need more (the objective's reward of every proposal, what the agents
     * did on temptations) override this.
     */
    default void learn(Lesson lesson, World world, Random rng, TrainingRecord record) {
        learn(lesson.model(), lesson.batch(), lesson.accepted(), world, rng, record);
    }

    /**
     * Whether what the learner does to an agent depends only on that agent's lesson, and it keeps nothing between
     * ticks that is indexed by agent. The box may then teach a tick's lessons a tile of agents at a time.
     */
    default boolean agentLocal() {
        return false;
    }

    /** Every agent was just replaced by a fresh pretrained copy: forget what the learner kept about the old ones. */
    default void reset() {}

    /**
     * Learners that work across lifetimes (evolution) return true: at the end of a lifetime the population calls
     * {@link #nextGeneration} instead of replacing every agent by a fresh pretrained copy.
     */
    default boolean breeds() {
        return false;
    }

    /** The next generation, in place: {@code fitness} [N] is each agent's objective at the end of its life. */
    default void nextGeneration(Model model, INDArray fitness, Random rng) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not breed");
    }
}
