package org.sealedbox.runtime.spi;

/** A number measured on a population at a point in box time (the mean over its agents, unless said otherwise). */
public interface Measure {
    double measure(PopulationView population, World world);
}
