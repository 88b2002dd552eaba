package org.sealedbox.bench.kernels;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.openjdk.jmh.annotations.*;
import org.openjdk.jmh.infra.Blackhole;
import org.sealedbox.runtime.box.RandomStreams;
import org.sealedbox.runtime.spi.World;

/**
 * The world's sampler ({@code concepts}, 24 fields × 16 = 384 inputs): {@link World#situations} for one tick's field
 * indices [N, 8] (drawn at the population's frontier) → x [N, 8, 384], the biggest allocation of a tick (N·8·384
 * uniform draws turned into signs, each block multiplied by its amplitude). Milliseconds per call.
 */
public class WorldKernels extends KernelBench {
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
        pass(() -> bh.consume(world.situations(fields, rng)));
    }
}
