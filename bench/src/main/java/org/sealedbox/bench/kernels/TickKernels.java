package org.sealedbox.bench.kernels;

import org.openjdk.jmh.annotations.*;
import org.sealedbox.runtime.box.Box;

/**
 * A whole tick of the bench's linear box ({@code whatever-seems-right}) and of its mlp ({@code mlp}): {@link Box#step},
 * with its own scratch pass and, above a tile's worth of agents, its tiles. {@code fused}: the tick's {@code proposes}
 * and {@code selects} run as one pass per agent (plugins' {@code ConceptsLinearSft}, {@code ConceptsMlpSft}); otherwise
 * as ND4J ops, one after the other. The box is never
 * measured during the benchmark (its measurements are 1,000 years apart). Milliseconds per tick.
 */
public class TickKernels extends KernelBench {
    @Param({"linear", "mlp"})
    public String model;

    @Param({"true", "false"})
    public boolean fused;

    private Box box;

    @Setup(Level.Trial)
    public void setUp() {
        box = KernelBox.of(model, N, fused).box;
        if (box.fusedPasses().isEmpty() == fused) throw new IllegalStateException("the bench's box did not run as asked: fused " + fused);
    }

    @Benchmark
    public void step() {
        box.step();
    }
}
