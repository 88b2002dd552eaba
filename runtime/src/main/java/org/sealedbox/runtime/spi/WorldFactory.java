package org.sealedbox.runtime.spi;

import org.sealedbox.dsl.schema.ParamValues;

public interface WorldFactory extends PluginFactory {
    World create(ParamValues params, Streams streams);

    /** The largest expected squared norm of a situation, E‖x‖², from parameters alone (for stability checks). */
    double inputEnergy(ParamValues params);

    /** How many fields the world has, from parameters alone. */
    int fields(ParamValues params);

    /** Input dimensions D, from parameters alone. */
    int dims(ParamValues params);
}
