package org.sealedbox.runtime.spi;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a learner learns from in one tick: the proposals a judge saw, its verdict, and a way to score them by any
 * of the scenario's objectives.
 *
 * @param judge the name of the judge that gave the verdict (what a bare {@code proxy} means)
 */
public record Lesson(Model model, PopulationView population, Proposals proposals, Judge.Verdict verdict, String judge,
                     Objectives objectives) {
    /** The accepted situations and their labels: x [N, P, D], y [N, P, k]. */
    public World.Batch batch() {
        return new World.Batch(proposals.x(), verdict.labels());
    }

    /** [N, P]: 1 where the judge accepted the proposal. */
    public INDArray accepted() {
        return verdict.accepted();
    }

    /** What the accepted proposals did on temptations (the judge's choice where it chose among its own samples). */
    public Behaviour behaviour() {
        return verdict.chosen() != null ? verdict.chosen().behaviour() : proposals.behaviour();
    }

    /** Objective {@code name} of every proposal [N, P]. */
    public INDArray reward(String name) {
        return objectives.value(name, proposals, judge);
    }
}
