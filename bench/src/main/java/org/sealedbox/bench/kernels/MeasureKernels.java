package org.sealedbox.bench.kernels;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;
import org.sealedbox.runtime.box.Population;
import org.sealedbox.runtime.spi.Measure;
import org.sealedbox.runtime.spi.World;

/**
 * The box's measures, made by their factories from the box's own {@code measure} block: {@code accuracy} is
 * {@code accuracy(human)} (linear: exact, from the world's block covariance, in double; mlp: every agent on the world's
 * 24 × 64 = 1536 fixed held-out situations), {@code drift} is ‖θ − θ₀‖ / ‖θ₀‖ over all weights. Each runs in the
 * "measure" scratch workspace, as the box measures. Milliseconds per call.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Dorg.slf4j.simpleLogger.log.org.nd4j=warn", "-Dorg.slf4j.simpleLogger.log.org.reflections=warn"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@State(Scope.Benchmark)
public class MeasureKernels {
    @Param({"linear", "mlp"})
    public String model;

    @Param({"1000", "10000"})
    public int N;

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
        KernelBox.pass("measure", () -> sink = accuracy.measure(population, world));
        return sink;
    }

    @Benchmark
    public double drift() {
        KernelBox.pass("measure", () -> sink = drift.measure(population, world));
        return sink;
    }
}
