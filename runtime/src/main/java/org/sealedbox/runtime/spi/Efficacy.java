package org.sealedbox.runtime.spi;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An efficacy hypothesis for character training: how much of an imitation step on human behaviour takes effect in
 * each agent, given its state. 1 is all of it. New hypotheses are plugins of this kind.
 */
public interface Efficacy {
    /** [N], each in [0, 1]. */
    INDArray efficacy(PopulationView population);
}
