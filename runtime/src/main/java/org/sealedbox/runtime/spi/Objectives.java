package org.sealedbox.runtime.spi;

import org.nd4j.linalg.api.ndarray.INDArray;

/** The scenario's objectives, evaluated on proposals: what judges select by and learners maximise. */
public interface Objectives {
    /**
     * The value of objective {@code name} for each proposal [N, P]. {@code judgeAtHand} names the judge a bare
     * {@code proxy} refers to (the one whose verdict is being learnt from), or null where there is none.
     */
    INDArray value(String name, Proposals proposals, String judgeAtHand);

    /** Judge {@code judge}'s own score of each proposal [N, P], without what shortcuts add (see {@link Judge#score}). */
    INDArray score(String judge, Proposals proposals);

    /** The judge whose score objective {@code name} reads ({@code proxy(j)}), or null when it names none. */
    String scorer(String name);
}
