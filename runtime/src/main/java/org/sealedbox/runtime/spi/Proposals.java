package org.sealedbox.runtime.spi;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One tick's proposals of a population: P per agent.
 *
 * @param fields     the field of each proposal, as an index [N, P]
 * @param x          the situations [N, P, D]
 * @param prediction the agent's prediction [N, P, k]
 * @param label      what the agent proposes as the answer: prediction plus exploration noise [N, P, k]
 * @param confidence the agent's confidence in each proposal [N, P]
 * @param noise      the standard deviation of the exploration noise the agents add (judges that sample an
 *                   agent again, like {@code self_consistency}, draw with the same spread)
 * @param behaviour  what the agents did on temptations, or null when the world offers none
 */
public record Proposals(INDArray fields, INDArray x, INDArray prediction, INDArray label, INDArray confidence, double noise,
                        Behaviour behaviour) {
    public Proposals(INDArray fields, INDArray x, INDArray prediction, INDArray label, INDArray confidence, double noise) {
        this(fields, x, prediction, label, confidence, noise, null);
    }

    public long agents() {
        return x.size(0);
    }

    public long count() {
        return x.size(1);
    }
}
