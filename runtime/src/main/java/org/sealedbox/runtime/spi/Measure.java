package org.sealedbox.runtime.spi;

/** A number measured on a population at a point in box time (the mean over its agents, unless said otherwise). */
public interface Measure {
    double measure(PopulationView population, World world);

    /**
     * Whether this measure reads {@link PopulationView#accepted()}: only then does the box score what judges accept
     * (which costs a truth and a judge's score per selection).
     */
    default boolean readsAccepted() {
        return false;
    }
}
