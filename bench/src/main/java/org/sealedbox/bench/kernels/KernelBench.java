package org.sealedbox.bench.kernels;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;
import org.sealedbox.runtime.box.Box;
import org.sealedbox.runtime.spi.Scratch;

/**
 * What every kernel benchmark shares (JMH reads these annotations and {@code @Param} fields from the superclass):
 * milliseconds per call, one fork with ND4J's logging quiet, 2 warm-up and 3 measured iterations of a second each, at
 * N = 1e3 and 1e4 agents; each call in the engine's scratch memory.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Dorg.slf4j.simpleLogger.log.org.nd4j=warn", "-Dorg.slf4j.simpleLogger.log.org.reflections=warn"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@State(Scope.Benchmark)
public abstract class KernelBench {
    @Param({"1000", "10000"})
    public int N;

    /** Runs {@code op} in the scratch workspace a box runs its ticks and measurements in ({@link Box#PASS}). */
    static void pass(Runnable op) {
        Scratch.run(Box.PASS, op);
    }
}
