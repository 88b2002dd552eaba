package org.sealedbox.runtime.spi;

import org.nd4j.linalg.api.rng.Random;
import org.sealedbox.dsl.ir.TickStatement;

/**
 * A fused tick: one pass over the agents that does what {@code pop proposes P at target noise s} followed by
 * {@code judge selects into pop.weights} does as ops over whole tensors (draw each proposal's field, make its
 * situation, predict, answer, report confidence, judge, take the learner's step, count the exposure and the signal),
 * keeping each agent's situations in cache instead of materialising [N, P, D] and reading it again in every op.
 *
 * <p>A kernel stands in for a combination of plugins it knows (a world, a model, a confidence, a judge, a learner, with
 * their settings) and must compute exactly their physics: it draws the same random numbers from the same stream, in the
 * same order and the same amounts, as the unfused statements do, so that a fused tick agrees with an unfused one up to
 * the rounding of sums taken in another order. Where anything differs from what it knows, {@link #plan} returns null
 * and the box runs the statements as they are. The box asks only for a {@code proposes} directly followed by a
 * {@code selects} of the same population into its own weights, when nothing else reads those proposals, nothing
 * measures what judges accepted, and the population has neither notes nor a shortcut policy.
 *
 * <p>Kernels are found with {@link java.util.ServiceLoader} ({@code META-INF/services/org.sealedbox.runtime.spi.FusedTick})
 * on sealedbox's class path. A run records which statements ran fused ({@code resolved.json}: {@code box.fused}).
 */
public interface FusedTick {
    /** The pass for this combination, or null when this kernel does not compute exactly its physics. */
    Pass plan(Plan plan);

    /**
     * What one {@code proposes} and {@code selects} pair would use.
     *
     * @param population the population (the kernel may read its settings; the pass gets the agents to run on)
     * @param count      proposals per agent
     * @param noise      the exploration noise of the answers
     * @param focus      how strongly agents follow their own tastes in choosing fields (0: not at all)
     */
    record Plan(World world, PopulationView population, Model model, Confidence confidence, Judge judge, Learner learner,
                int count, TickStatement.Target target, double noise, double focus) {}

    /** One tick of the pair, on whole populations or on a tile of one. */
    interface Pass {
        /** What it fuses, in a few words (recorded with the run). */
        String describe();

        /**
         * Proposes, judges and learns for every agent of {@code pop}: its model's weights, exposure and signal change in
         * place. {@code proposals} is the stream the statement {@code proposes} draws from, {@code learner} the one
         * its learner draws from.
         *
         * @return true when the pass saw every weight of {@code pop} finite after it (the box then need not look again),
         *         false when some is not or the pass did not look: the box checks them, and stops a diverging run
         */
        boolean run(PopulationView pop, Random proposals, Random learner);
    }
}
