package org.sealedbox.bench.kernels;

import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.openjdk.jmh.annotations.*;
import org.openjdk.jmh.infra.Blackhole;
import org.sealedbox.runtime.box.RandomStreams;
import org.sealedbox.runtime.spi.World;

/**
 * The world's sampler ({@code concepts}, 24 fields × 16 = 384 inputs): {@link World#situations} for one tick's field
 * indices [N, 8] (drawn at the population's frontier) → x [N, 8, 384], the biggest allocation of a tick (the
 * amplitude rows gathered, N·8·384 uniform draws turned into signs, their product). Milliseconds per call.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Dorg.slf4j.simpleLogger.log.org.nd4j=warn", "-Dorg.slf4j.simpleLogger.log.org.reflections=warn"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@State(Scope.Benchmark)
public class WorldKernels {
    @Param({"1000", "10000"})
    public int N;

    private World world;
    private INDArray fields;
    private Random rng;

    @Setup(Level.Trial)
    public void setUp() {
        KernelBox box = KernelBox.of("linear", N);
        world = box.world;
        fields = box.proposals.fields();
        rng = new RandomStreams(box.scenario.box().seed()).stream("proposals:" + KernelBox.POPULATION);
    }

    @Benchmark
    public void situations(Blackhole bh) {
        KernelBox.pass("tick", () -> bh.consume(world.situations(fields, rng)));
    }
}
