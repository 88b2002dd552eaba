package org.sealedbox.runtime.spi;

import org.nd4j.linalg.api.rng.Random;

/**
 * One random stream per purpose ("world", "pretraining", "proposals", "judge:name", …), each seeded from
 * the run's seed and its purpose, so that adding a feature that draws random numbers does not shift any
 * other number of a run.
 */
public interface Streams {
    Random stream(String purpose);
}
