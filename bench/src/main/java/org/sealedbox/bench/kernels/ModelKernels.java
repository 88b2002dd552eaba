package org.sealedbox.bench.kernels;

import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.openjdk.jmh.annotations.*;
import org.openjdk.jmh.infra.Blackhole;
import org.sealedbox.runtime.spi.Model;

/**
 * A population's model, batched over agents (the standard plugins {@code LinearModel} and {@code MlpModel}, made by
 * their factories and pretrained by the box): {@code forward} is {@link Model#predict} on one tick's proposals
 * x [N, 8, 384]; {@code update} is {@link Model#step}, one SGD step on that batch with the box's judge's labels and
 * mask (what {@code sft} does once per tick), in place on the population's weights. Milliseconds per call.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Dorg.slf4j.simpleLogger.log.org.nd4j=warn", "-Dorg.slf4j.simpleLogger.log.org.reflections=warn"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@State(Scope.Benchmark)
public class ModelKernels {
    @Param({"linear", "mlp"})
    public String model;

    @Param({"1000", "10000"})
    public int N;

    private Model m;
    private INDArray x, y, mask;
    private double lr;

    @Setup(Level.Trial)
    public void setUp() {
        KernelBox box = KernelBox.of(model, N);
        m = box.population.model();
        x = box.proposals.x();
        y = box.verdict.labels();
        mask = box.verdict.accepted();
        lr = box.lr;
    }

    /** x [N, 8, D] → predictions [N, 8, k]. */
    @Benchmark
    public void forward(Blackhole bh) {
        KernelBox.pass("tick", () -> bh.consume(m.predict(x)));
    }

    /** One SGD step on the masked mean squared error, in place. */
    @Benchmark
    public void update() {
        KernelBox.pass("tick", () -> m.step(x, y, mask, lr));
    }
}
