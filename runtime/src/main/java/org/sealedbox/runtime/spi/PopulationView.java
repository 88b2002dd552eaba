package org.sealedbox.runtime.spi;

import org.nd4j.linalg.api.ndarray.INDArray;

/** What measures may read of a population. */
public interface PopulationView {
    String name();

    /** The agents' weights. */
    Model model();

    /**
     * What the agents answer with: their weights adapted in context to their notes (when they learn in context),
     * else their weights. Proposals and knowledge measures use this; {@code drift} uses {@link #model()}.
     */
    Model effective();

    /** The pretrained model every agent started from (one agent). */
    Model pretrained();

    /** Training exposure per field [N, F]. */
    INDArray exposure();

    Confidence confidence();

    /** Training signal per agent (examples × step size), all and from human data, pretraining included: [N] each. */
    INDArray signal();

    INDArray humanSignal();

    /** How many generations this population has had (regenerated from a corpus, or bred), 0 at the start. */
    int generation();
}
