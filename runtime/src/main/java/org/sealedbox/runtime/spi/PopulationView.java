package org.sealedbox.runtime.spi;

import org.nd4j.linalg.api.ndarray.INDArray;

/** What measures may read of a population. */
public interface PopulationView {
    String name();

    Model model();

    /** The pretrained model every agent started from (one agent). */
    Model pretrained();

    /** Training exposure per field [N, F]. */
    INDArray exposure();

    Confidence confidence();

    /** Training signal per agent (examples × step size), all and from human data, pretraining included: [N] each. */
    INDArray signal();

    INDArray humanSignal();
}
