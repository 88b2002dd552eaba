package org.sealedbox.bench.kernels;

import org.openjdk.jmh.annotations.*;
import org.sealedbox.runtime.box.Population;
import org.sealedbox.runtime.spi.Measure;
import org.sealedbox.runtime.spi.World;

/**
 * The box's measures, made by their factories from the box's own {@code measure} block: {@code accuracy} is
 * {@code accuracy(human)} (linear: exact, from the world's block covariance, in double; mlp: every agent on the world's
 * 24 × 64 = 1536 fixed held-out situations), {@code drift} is ‖θ − θ₀‖ / ‖θ₀‖ over all weights. Each runs in the
 * box's scratch workspace, as the box measures. Milliseconds per call.
 */
public class MeasureKernels extends KernelBench {
    @Param({"linear", "mlp"})
    public String model;

    private Population population;
    private World world;
    private Measure accuracy, drift;
    /** A sink for the measured numbers (a double is not an array JMH could otherwise see unused). */
    private double sink;

    @Setup(Level.Trial)
    public void setUp() {
        KernelBox box = KernelBox.of(model, N);
        population = box.population;
        world = box.world;
        accuracy = box.measure("accuracy");
        drift = box.measure("drift");
    }

    @Benchmark
    public double accuracy() {
        pass(() -> sink = accuracy.measure(population, world));
        return sink;
    }

    @Benchmark
    public double drift() {
        pass(() -> sink = drift.measure(population, world));
        return sink;
    }
}
