package org.sealedbox.runtime.spi;

import org.nd4j.linalg.api.rng.Random;
import org.sealedbox.dsl.schema.ParamValues;

public interface ModelFactory extends PluginFactory {
    /** A fresh, untrained population of {@code agents} agents for {@code world}. */
    Model create(int agents, World world, ParamValues params, Random rng);
}
