package org.sealedbox.runtime.box;

/** A population's weights became NaN or infinite: the run stops here, keeping everything measured so far. */
public final class Divergence extends RuntimeException {
    private final long tick;
    private final double time;
    private final String population;
    private final String plugin;

    public Divergence(long tick, double time, String unit, String population, String plugin, String what) {
        super(String.format("diverged at tick %d (%s %.2f): %s of population `%s` after learner `%s`",
                tick, unit, time, what, population, plugin));
        this.tick = tick;
        this.time = time;
        this.population = population;
        this.plugin = plugin;
    }

    public long tick() {
        return tick;
    }

    public double time() {
        return time;
    }

    public String population() {
        return population;
    }

    public String plugin() {
        return plugin;
    }
}
