package org.sealedbox.runtime.spi;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;

/**
 * What an agent's confidence means. Agents never see the truth; their confidence and their belief
 * about which fields they have mastered come from this plugin alone.
 */
public interface Confidence {
    /** Per-field confidence [N, F] in [0, 1] from the population's training exposure [N, F]. */
    INDArray fieldConfidence(INDArray exposure, World world);

    /** The confidence an agent reports with each proposal, given its field confidence there [N, P]. */
    INDArray proposalConfidence(INDArray atProposals, Random rng);

    /** 1 where the agent believes it has mastered the field, from its field confidence: [N, F]. */
    INDArray believesMastered(INDArray fieldConfidence);

    /** Whether each agent's confidence depends only on that agent's own exposure (then a tick may run over tiles of agents). */
    default boolean agentLocal() {
        return false;
    }
}
