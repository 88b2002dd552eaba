package org.sealedbox.bench.kernels;

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
public class ModelKernels extends KernelBench {
    @Param({"linear", "mlp"})
    public String model;

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
        pass(() -> bh.consume(m.predict(x)));
    }

    /** One SGD step on the masked mean squared error, in place. */
    @Benchmark
    public void update() {
        pass(() -> m.step(x, y, mask, lr));
    }
}
